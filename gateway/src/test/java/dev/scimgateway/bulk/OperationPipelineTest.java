package dev.scimgateway.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class OperationPipelineTest {

    /** Operations the test finishes by hand; 'B' marks one that must run alone. */
    private static final class Ops {
        final Set<String> started = ConcurrentHashMap.newKeySet();
        final List<Sinks.One<String>> finish = new ArrayList<>();
        final List<String> names;

        Ops(String... names) {
            this.names = List.of(names);
            for (int i = 0; i < names.length; i++) {
                finish.add(Sinks.one());
            }
        }

        Flux<String> run(int concurrency) {
            return new OperationPipeline(concurrency).run(Flux.fromIterable(names), name -> name.startsWith("B") ? OperationPipeline.Shape.ALONE
                            : new OperationPipeline.Shape(true, name.substring(0, 1)),
                    name -> Mono.defer(() -> {
                        started.add(name);
                        return finish.get(names.indexOf(name)).asMono();
                    }));
        }

        void finish(String name) {
            finish.get(names.indexOf(name)).tryEmitValue(name);
        }
    }

    @Test
    void independentOperationsRunSideBySideAndAnswerInInputOrder() {
        Ops ops = new Ops("a", "b", "c");
        StepVerifier.withVirtualTime(() -> ops.run(8))
                .then(() -> assertThat(ops.started).containsExactlyInAnyOrder("a", "b", "c"))
                .then(() -> ops.finish("c"))
                .then(() -> ops.finish("b"))
                .expectNoEvent(java.time.Duration.ofMillis(50))
                .then(() -> ops.finish("a"))
                .expectNext("a", "b", "c")
                .verifyComplete();
    }

    @Test
    void anOperationThatMustRunAloneWaitsForAllBeforeItAndHoldsBackAllAfterIt() {
        Ops ops = new Ops("a", "b", "B1", "c");
        StepVerifier.withVirtualTime(() -> ops.run(8))
                .then(() -> assertThat(ops.started).containsExactlyInAnyOrder("a", "b"))
                .then(() -> ops.finish("b"))
                .then(() -> assertThat(ops.started).doesNotContain("B1"))
                .then(() -> ops.finish("a"))
                .expectNext("a", "b")
                .then(() -> assertThat(ops.started).contains("B1").doesNotContain("c"))
                .then(() -> ops.finish("B1"))
                .expectNext("B1")
                .then(() -> assertThat(ops.started).contains("c"))
                .then(() -> ops.finish("c"))
                .expectNext("c")
                .verifyComplete();
    }

    @Test
    void twoThatClaimTheSameNameRunInOrder() {
        Ops ops = new Ops("a1", "b", "a2");
        StepVerifier.withVirtualTime(() -> ops.run(8))
                .then(() -> assertThat(ops.started).containsExactlyInAnyOrder("a1", "b"))
                .then(() -> ops.finish("a1"))
                .then(() -> ops.finish("b"))
                .expectNext("a1", "b")
                .then(() -> assertThat(ops.started).contains("a2"))
                .then(() -> ops.finish("a2"))
                .expectNext("a2")
                .verifyComplete();
    }

    /** A finished operation whose answer waits for an earlier one still counts: that bounds memory too. */
    @Test
    void noMoreThanTheConcurrencyAreInHandAtOnce() {
        Ops ops = new Ops("a", "b", "c", "d", "e");
        StepVerifier.withVirtualTime(() -> ops.run(2))
                .then(() -> assertThat(ops.started).containsExactlyInAnyOrder("a", "b"))
                .then(() -> ops.finish("b"))
                .then(() -> assertThat(ops.started).containsExactlyInAnyOrder("a", "b"))
                .then(() -> ops.finish("a"))
                .expectNext("a", "b")
                .then(() -> assertThat(ops.started).containsExactlyInAnyOrder("a", "b", "c", "d"))
                .then(() -> List.of("c", "d", "e").forEach(ops::finish))
                .expectNext("c", "d", "e")
                .verifyComplete();
    }
}
