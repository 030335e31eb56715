package dev.scimgateway.storage;

import dev.scimgateway.scim.protocol.ScimException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Write coalescing: writes of one kind that arrive within a few milliseconds of each other (Okta
 * sends one POST per user, many at once during onboarding) go to PostgreSQL as one multi-row
 * statement in one round trip, and each caller still gets its own answer. The queue is bounded;
 * when it is full the write gets 503. At most {@code concurrency} statements run at once, and
 * writes that arrive meanwhile wait for the next one.
 *
 * @param <T> one write
 * @param <R> its answer
 */
final class WriteCoalescer<T, R> implements AutoCloseable {

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
     * once, and at most {@code queueCapacity} writes waiting. With a {@code window} of zero, a write
     * that finds a statement slot free goes at once, so batches form only while the database is
     * busy; otherwise the first write waits that long for company.
     */
    record Settings(int maxBatch, Duration window, int concurrency, int queueCapacity) {}

    private record Pending<T, R>(T write, MonoSink<R> sink) {}

    private final Statement<T, R> statement;
    private final Settings settings;
    private final DistributionSummary batchSizes;
    /** A plain timer thread of its own: it only starts writes, which then run on the driver's threads. */
    private final ScheduledExecutorService timer;
    private final Queue<Pending<T, R>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    /** @param name what is written, for the batch-size meter's {@code statement} tag and the timer thread */
    WriteCoalescer(String name, Statement<T, R> statement, Settings settings, MeterRegistry meters) {
        this.statement = statement;
        this.settings = settings;
        this.batchSizes = DistributionSummary.builder("scim.write.batch.size")
                .description("Writes per coalesced statement")
                .tag("statement", name)
                .register(meters);
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "scim-write-coalescer-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    Mono<R> submit(T write) {
        return Mono.create(sink -> {
            if (queued.incrementAndGet() > settings.queueCapacity()) {
                queued.decrementAndGet();
                sink.error(ScimException.unavailable("The write queue is full; retry shortly"));
                return;
            }
            waiting.add(new Pending<>(write, sink));
            scheduleFlush();
        });
    }

    /**
     * One flush at a time is pending; whoever finds none schedules it, so no write waits longer
     * than the window while a statement slot is free, and a finishing statement schedules the next.
     */
    private void scheduleFlush() {
        if (!flushScheduled.compareAndSet(false, true)) {
            return;
        }
        if (settings.window().isZero()) {
            flush();
            return;
        }
        try {
            timer.schedule(this::flush, settings.window().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down: nothing is flushed any more, and the waiting writes end with the server.
            flushScheduled.set(false);
        }
    }

    private void flush() {
        flushScheduled.set(false);
        while (!waiting.isEmpty() && takeSlot()) {
            List<Pending<T, R>> batch = new ArrayList<>(Math.min(settings.maxBatch(), waiting.size()));
            Pending<T, R> next;
            while (batch.size() < settings.maxBatch() && (next = waiting.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                break;
            }
            queued.addAndGet(-batch.size());
            write(batch).doFinally(signal -> {
                inFlight.decrementAndGet();
                if (!waiting.isEmpty()) {
                    scheduleFlush();
                }
            }).subscribe();
        }
    }

    /** Flushes may run on several threads at once (window zero), so a slot is taken atomically. */
    private boolean takeSlot() {
        int running;
        do {
            running = inFlight.get();
            if (running >= settings.concurrency()) {
                return false;
            }
        } while (!inFlight.compareAndSet(running, running + 1));
        return true;
    }

    private Mono<Void> write(List<Pending<T, R>> batch) {
        batchSizes.record(batch.size());
        if (batch.size() == 1) {
            return alone(batch.get(0));
        }
        return statement.many(batch.stream().map(Pending::write).toList())
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
        return statement.one(pending.write())
                .doOnSuccess(pending.sink()::success)
                .doOnError(pending.sink()::error)
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    @Override
    public void close() {
        timer.shutdown();
    }
}
