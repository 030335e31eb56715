package dev.scimgateway.storage;

import dev.scimgateway.scim.protocol.ScimException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Coalescing: writes of one kind that arrive within a few milliseconds of each other (Okta sends
 * one POST per user, many at once during onboarding) go to PostgreSQL as one multi-row statement
 * in one round trip, and each caller still gets its own answer. Point reads are coalesced the same
 * way, into one statement over many keys (see {@link Work}).
 *
 * <p>Built from Reactor operators: the writes enter one long-lived flux, {@code bufferTimeout} cuts
 * it into batches, and {@code flatMap} runs at most {@code concurrency} statements. The buffer's
 * fair-backpressure mode decides the timing: while a statement slot is free, the first write of a
 * batch waits at most the window for company; while every slot is busy, writes wait in the buffer
 * and the next slot that frees takes them all at once, without waiting for the window again. The
 * writes waiting are counted at the door: beyond {@code queueCapacity} a write gets 503.
 *
 * @param <T> one write
 * @param <R> its answer
 */
final class Coalescer<T, R> implements AutoCloseable {

    /** What is coalesced: it names the batch-size meter and the refusal of a full queue. */
    enum Work {
        WRITES("scim.write.batch.size", "Writes per coalesced statement", "The write queue is full; retry shortly"),
        READS("scim.read.batch.size", "Point reads per coalesced statement", "The read queue is full; retry shortly");

        private final String meter;
        private final String description;
        private final String full;

        Work(String meter, String description, String full) {
            this.meter = meter;
            this.description = description;
            this.full = full;
        }
    }

    /** How one kind of write is done for many at once, and for one alone. */
    @FunctionalInterface
    interface Statement<T, R> {

        /** One statement for all of them; the outcomes come in their order. */
        Mono<List<Outcome<R>>> many(List<T> writes);

        /** The same statement for one write, unless a single-row form is cheaper. */
        default Mono<R> one(T write) {
            return many(List.of(write)).flatMap(outcomes -> {
                Outcome<R> outcome = outcomes.get(0);
                return outcome.error() != null ? Mono.error(outcome.error()) : Mono.justOrEmpty(outcome.value());
            });
        }
    }

    /** One write's share of a multi-row statement: its answer, or the error that is its alone (a duplicate). */
    record Outcome<R>(@Nullable R value, @Nullable RuntimeException error) {

        static <R> Outcome<R> of(R value) {
            return new Outcome<>(value, null);
        }

        /** A write that answers nothing but that it is done. */
        static <R> Outcome<R> done() {
            return new Outcome<>(null, null);
        }

        static <R> Outcome<R> failed(RuntimeException error) {
            return new Outcome<>(null, error);
        }
    }

    /**
     * How batches form: at most {@code maxBatch} writes, at most {@code concurrency} statements at
     * once, and at most {@code queueCapacity} writes waiting. A {@code window} of zero is the
     * shortest the timer allows: a write that finds a slot free goes after one hop to the timer
     * thread, so batches form only while the database is busy. With {@code oneTenantPerStatement}
     * a batch goes as one statement per tenant in it, one after the other in its slot.
     */
    record Settings(int maxBatch, Duration window, int concurrency, int queueCapacity, boolean oneTenantPerStatement) {

        Duration timerDelay() {
            return window.isZero() ? Duration.ofNanos(1) : window;
        }
    }

    private record Pending<T, R>(T write, MonoSink<R> sink) {}

    private final Statement<T, R> statement;
    private final String full;
    private final Function<T, String> tenantOf;
    private final Settings settings;
    private final DistributionSummary batchSizes;
    private final AtomicInteger waiting = new AtomicInteger();
    private final FluxSink<Pending<T, R>> door;
    private final Disposable batches;

    /**
     * @param name what is written or read, for the batch-size meter's {@code statement} tag
     * @param tenantOf the tenant a write belongs to
     */
    Coalescer(Work work, String name, Statement<T, R> statement, Function<T, String> tenantOf, Settings settings,
            MeterRegistry meters) {
        this(work, name, statement, tenantOf, settings, meters, Schedulers.parallel());
    }

    /** @param timer where the window is timed; tests pass a virtual-time scheduler */
    Coalescer(Work work, String name, Statement<T, R> statement, Function<T, String> tenantOf, Settings settings,
            MeterRegistry meters, Scheduler timer) {
        this.statement = statement;
        this.full = work.full;
        this.tenantOf = tenantOf;
        this.settings = settings;
        this.batchSizes = DistributionSummary.builder(work.meter)
                .description(work.description)
                .tag("statement", name)
                .register(meters);
        // Flux.create's sink takes writes from any number of threads at once without spinning;
        // its buffer is unbounded, so the bound is the count taken at the door in submit().
        AtomicReference<FluxSink<Pending<T, R>>> opened = new AtomicReference<>();
        this.batches = Flux.<Pending<T, R>>create(opened::set, FluxSink.OverflowStrategy.BUFFER)
                .bufferTimeout(settings.maxBatch(), settings.timerDelay(), timer, true)
                .flatMap(this::write, settings.concurrency(), 1)
                .doOnDiscard(Pending.class, Coalescer::refuse)
                .subscribe();
        this.door = Objects.requireNonNull(opened.get(), "Flux.create opens its sink on subscription");
    }

    Mono<R> submit(T write) {
        return Mono.create(sink -> {
            if (waiting.incrementAndGet() > settings.queueCapacity()) {
                waiting.decrementAndGet();
                sink.error(ScimException.unavailable(full));
                return;
            }
            door.next(new Pending<>(write, sink));
        });
    }

    private Mono<Void> write(List<Pending<T, R>> batch) {
        waiting.addAndGet(-batch.size());
        if (!settings.oneTenantPerStatement()) {
            return statementFor(batch);
        }
        Map<String, List<Pending<T, R>>> byTenant = batch.stream()
                .collect(Collectors.groupingBy(pending -> tenantOf.apply(pending.write()), LinkedHashMap::new,
                        Collectors.toList()));
        return Flux.fromIterable(byTenant.values()).concatMap(this::statementFor).then();
    }

    /** Never fails: every write's outcome, error included, goes to its own caller, and the flux goes on. */
    private Mono<Void> statementFor(List<Pending<T, R>> batch) {
        batchSizes.record(batch.size());
        if (batch.size() == 1) {
            return alone(batch.get(0));
        }
        return Mono.defer(() -> statement.many(batch.stream().map(Pending::write).toList()))
                .flatMap(outcomes -> outcomes.size() == batch.size() ? Mono.fromRunnable(() -> settle(batch, outcomes))
                        : Mono.error(new IllegalStateException("A coalesced statement answered " + outcomes.size()
                                + " of " + batch.size() + " writes")))
                // A statement-level failure says nothing about which write caused it: each is
                // retried alone, so that only the one at fault fails.
                .onErrorResume(e -> Flux.fromIterable(batch).concatMap(this::alone).then(Mono.empty()))
                .then();
    }

    private static <T, R> void settle(List<Pending<T, R>> batch, List<Outcome<R>> outcomes) {
        for (int i = 0; i < batch.size(); i++) {
            Outcome<R> outcome = outcomes.get(i);
            MonoSink<R> sink = batch.get(i).sink();
            if (outcome.error() != null) {
                sink.error(outcome.error());
            } else {
                sink.success(outcome.value());
            }
        }
    }

    private Mono<Void> alone(Pending<T, R> pending) {
        return Mono.defer(() -> statement.one(pending.write()))
                .doOnSuccess(pending.sink()::success)
                .doOnError(pending.sink()::error)
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    /** A write still waiting when the server stops is told so, rather than left without an answer. */
    private static void refuse(Pending<?, ?> pending) {
        pending.sink().error(ScimException.unavailable("The server is shutting down; retry shortly"));
    }

    @Override
    public void close() {
        batches.dispose();
    }
}
