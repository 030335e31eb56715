package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.scim.protocol.ScimException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * How batches form, apart from any database (WriteCoalescingTest and IdempotencyTest show it on
 * PostgreSQL), on virtual time: the window is a timer, so every wait here is the scheduler's and
 * none is the wall clock's.
 */
class CoalescerTest {

    private static final Duration WINDOW = Duration.ofMillis(10);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final List<Coalescer<Integer, Integer>> opened = new ArrayList<>();

    /** Answers each write with itself doubled (a negative one fails alone), once its statement is let go. */
    private static final class Doubling implements Coalescer.Statement<Integer, Integer> {
        final List<List<Integer>> statements = new CopyOnWriteArrayList<>();
        final Sinks.Empty<Void> release = Sinks.empty();
        volatile boolean manyFails;

        @Override
        public Mono<List<Coalescer.Outcome<Integer>>> many(List<Integer> writes) {
            statements.add(writes);
            if (manyFails) {
                return release.asMono().then(Mono.error(new IllegalStateException("the statement as a whole failed")));
            }
            return release.asMono().then(Mono.fromSupplier(() -> writes.stream()
                    .map(w -> w < 0 ? Coalescer.Outcome.<Integer>failed(new IllegalArgumentException("negative"))
                            : Coalescer.Outcome.of(2 * w)).toList()));
        }

        @Override
        public Mono<Integer> one(Integer write) {
            statements.add(List.of(write));
            return release.asMono().then(write < 0 ? Mono.error(new IllegalArgumentException("negative"))
                    : Mono.just(2 * write));
        }
    }

    private Coalescer<Integer, Integer> coalescer(Doubling statement, int maxBatch, Duration window,
            int queueCapacity) {
        return coalescer(statement, new Coalescer.Settings(maxBatch, window, 1, queueCapacity, false));
    }

    /** Writes belong to tenants by parity: "odd" and "even". */
    private Coalescer<Integer, Integer> coalescer(Doubling statement, Coalescer.Settings settings) {
        var coalescer = new Coalescer<>(Coalescer.Work.WRITES, "test", statement, (Integer w) -> w % 2 == 0 ? "even" : "odd", settings,
                new SimpleMeterRegistry(), time);
        opened.add(coalescer);
        return coalescer;
    }

    /**
     * Under Citus a statement with two tenants' rows spans shards: with one tenant per statement,
     * a batch goes as a statement per tenant, each still multi-row, every write answered.
     */
    @Test
    void oneTenantPerStatementSplitsABatchByTenant() {
        var statement = new Doubling();
        statement.release.tryEmitEmpty();
        var coalescer = coalescer(statement, new Coalescer.Settings(5, Duration.ofHours(1), 1, 1000, true));
        StepVerifier.create(Flux.range(1, 5).flatMap(coalescer::submit).collectList())
                .assertNext(doubled -> assertThat(doubled).containsExactlyInAnyOrder(2, 4, 6, 8, 10))
                .verifyComplete();
        assertThat(statement.statements).containsExactly(List.of(1, 3, 5), List.of(2, 4));
    }

    @AfterEach
    void close() {
        opened.forEach(Coalescer::close);
        time.dispose();
    }

    @Test
    void aWriteWaitsTheWindowForCompanyAndGoesWithWhatArrivedMeanwhile() {
        var statement = new Doubling();
        var coalescer = coalescer(statement, 100, WINDOW, 1000);
        statement.release.tryEmitEmpty();
        StepVerifier.withVirtualTime(() -> Flux.merge(coalescer.submit(1),
                        Mono.delay(Duration.ofMillis(4), time).then(coalescer.submit(2))), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(WINDOW.minusNanos(1))
                .then(() -> assertThat(statement.statements).as("inside the window nothing is written").isEmpty())
                .thenAwait(Duration.ofNanos(1))
                .expectNextCount(2)
                .verifyComplete();
        assertThat(statement.statements).containsExactly(List.of(1, 2));
    }

    @Test
    void aFullBatchGoesWithoutWaitingForTheWindow() {
        var statement = new Doubling();
        var coalescer = coalescer(statement, 3, Duration.ofHours(1), 1000);
        Flux.range(1, 4).flatMap(coalescer::submit).subscribe(v -> { }, e -> { });
        assertThat(statement.statements).containsExactly(List.of(1, 2, 3));
    }

    @Test
    void withNoWindowAWriteGoesAtOnceAndWritesThatFindEverySlotBusyGoTogetherWhenOneFrees() {
        var statement = new Doubling();
        var coalescer = coalescer(statement, 100, Duration.ZERO, 1000);
        var first = coalescer.submit(0).cache();
        first.subscribe(v -> { }, e -> { });
        time.advanceTimeBy(Duration.ofNanos(1));
        assertThat(statement.statements).containsExactly(List.of(0));

        var rest = Flux.just(1, 2, -1, 4).flatMap(w -> coalescer.submit(w).onErrorResume(e -> Mono.empty()))
                .collectList().cache();
        rest.subscribe(v -> { }, e -> { });
        time.advanceTimeBy(Duration.ofHours(1));
        assertThat(statement.statements).as("the only slot is busy").containsExactly(List.of(0));

        statement.release.tryEmitEmpty();
        StepVerifier.create(first).expectNext(0).verifyComplete();
        StepVerifier.create(rest).assertNext(doubled -> assertThat(doubled).containsExactlyInAnyOrder(2, 4, 8))
                .verifyComplete();
        assertThat(statement.statements).containsExactly(List.of(0), List.of(1, 2, -1, 4));
    }

    @Test
    void aWriteAtFaultFailsAloneAndTheOthersOfItsStatementSucceed() {
        var statement = new Doubling();
        statement.manyFails = true;
        statement.release.tryEmitEmpty();
        var coalescer = coalescer(statement, 100, WINDOW, 1000);
        StepVerifier.withVirtualTime(() -> Flux.just(1, -1, 3).flatMapSequential(w -> coalescer.submit(w)
                        .onErrorResume(IllegalArgumentException.class, e -> Mono.just(-99))), () -> time, Long.MAX_VALUE)
                .thenAwait(WINDOW)
                .expectNext(2, -99, 6)
                .verifyComplete();
        assertThat(statement.statements).containsExactly(List.of(1, -1, 3), List.of(1), List.of(-1), List.of(3));
    }

    @Test
    void aFullQueueRefusesWithServiceUnavailable() {
        var statement = new Doubling();
        var coalescer = coalescer(statement, 100, Duration.ZERO, 1);
        coalescer.submit(1).subscribe(v -> { }, e -> { });
        time.advanceTimeBy(Duration.ofNanos(1));
        coalescer.submit(2).subscribe(v -> { }, e -> { });
        assertThat(statement.statements).as("the first is being written, the second waits").containsExactly(List.of(1));
        StepVerifier.create(coalescer.submit(3))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ScimException.class).hasMessageContaining("queue is full"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aWriteStillWaitingWhenTheServerStopsIsToldSo() {
        var statement = new Doubling();
        var coalescer = coalescer(statement, 100, Duration.ZERO, 10);
        coalescer.submit(1).subscribe(v -> { }, e -> { });
        time.advanceTimeBy(Duration.ofNanos(1));
        var waiting = coalescer.submit(2).cache();
        waiting.subscribe(v -> { }, e -> { });
        coalescer.close();
        StepVerifier.create(waiting)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ScimException.class).hasMessageContaining("shutting down"))
                .verify(Duration.ofSeconds(5));
    }
}
