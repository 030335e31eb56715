package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * How batches form, apart from any database (WriteCoalescingTest and IdempotencyTest show it on
 * PostgreSQL): with a window of zero a write that finds a free slot goes at once, and writes that
 * arrive while every slot is busy go together in the next statement.
 */
class WriteCoalescerTest {

    /** Answers each write with itself doubled, once its statement is let go. */
    private static final class Doubling implements WriteCoalescer.Statement<Integer, Integer> {
        final List<List<Integer>> statements = new CopyOnWriteArrayList<>();
        final Sinks.Empty<Void> release = Sinks.empty();

        @Override
        public Mono<List<WriteCoalescer.Outcome<Integer>>> many(List<Integer> writes) {
            statements.add(writes);
            return release.asMono().then(Mono.fromSupplier(() -> writes.stream()
                    .map(w -> w < 0 ? WriteCoalescer.Outcome.<Integer>failed(new IllegalArgumentException("negative"))
                            : WriteCoalescer.Outcome.of(2 * w)).toList()));
        }

        @Override
        public Mono<Integer> one(Integer write) {
            statements.add(List.of(write));
            return release.asMono().then(write < 0 ? Mono.error(new IllegalArgumentException("negative"))
                    : Mono.just(2 * write));
        }
    }

    @Test
    void withNoWindowTheFirstWriteGoesAtOnceAndTheRestWaitTogether() {
        var statement = new Doubling();
        var coalescer = new WriteCoalescer<>("test", statement, new WriteCoalescer.Settings(100, Duration.ZERO, 1, 1000),
                new SimpleMeterRegistry());
        var answers = Flux.range(0, 5).map(i -> i == 3 ? -1 : i).flatMap(coalescer::submit, 5, 1)
                .onErrorContinue((e, w) -> { }).collectList().cache();
        answers.subscribe();
        assertThat(statement.statements).containsExactly(List.of(0));
        statement.release.tryEmitEmpty();
        StepVerifier.create(answers).assertNext(doubled -> assertThat(doubled).containsExactlyInAnyOrder(0, 2, 4, 8))
                .expectComplete().verify(Duration.ofSeconds(5));
        assertThat(statement.statements).containsExactly(List.of(0), List.of(1, 2, -1, 4));
    }

    @Test
    void aFullQueueRefusesWithServiceUnavailable() {
        var statement = new Doubling();
        var coalescer = new WriteCoalescer<>("test", statement, new WriteCoalescer.Settings(100, Duration.ZERO, 1, 1),
                new SimpleMeterRegistry());
        coalescer.submit(1).subscribe();
        coalescer.submit(2).subscribe();
        assertThat(statement.statements).as("the first is being written, the second waits").containsExactly(List.of(1));
        StepVerifier.create(coalescer.submit(3)).expectErrorMatches(e -> e.getMessage().contains("queue is full"))
                .verify(Duration.ofSeconds(5));
    }
}
