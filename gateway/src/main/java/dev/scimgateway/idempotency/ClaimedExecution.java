package dev.scimgateway.idempotency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** {@link IdempotentExecution} over the claims of an {@link IdempotencyStore}. */
final class ClaimedExecution implements IdempotentExecution {

    private static final int TOO_MANY_REQUESTS = 429;

    private final IdempotencyStore store;
    private final Duration retention;
    private final Duration lease;
    private final Counter replays;

    ClaimedExecution(IdempotencyStore store, Duration retention, Duration lease, MeterRegistry meters) {
        this.store = store;
        this.retention = retention;
        this.lease = lease;
        this.replays = Counter.builder("scim.idempotent.replays")
                .description("Responses replayed to retries that carried an Idempotency-Key")
                .register(meters);
    }

    @Override
    public <T> Mono<T> once(String tenantId, String key, byte[] fingerprint, Work<T> work) {
        return detached(store.claim(tenantId, key, fingerprint, retention, lease).flatMap(claim -> {
            if (claim instanceof Claim.Replay replay) {
                replays.increment();
                return work.replay(replay.response());
            }
            if (claim instanceof Claim.Committed committed) {
                // Answered, as a replay is, from the first run's work, which does not run again.
                replays.increment();
                return holding(new Answer(tenantId, key), answer -> work.recover(committed.resource(), answer));
            }
            if (claim instanceof Claim.InFlight) {
                return work.refuse(Refusal.IN_FLIGHT);
            }
            if (claim instanceof Claim.Mismatch) {
                return work.refuse(Refusal.OTHER_WORK);
            }
            return holding(new Answer(tenantId, key), work::run);
        }));
    }

    /** Runs on the key it claimed; a run that ends without an answer frees the key. */
    private static <T> Mono<T> holding(Answer answer, Function<Completion, Mono<T>> run) {
        return Mono.usingWhen(Mono.just(answer), run, Answer::unanswered, (held, error) -> held.unanswered(),
                Answer::unanswered);
    }

    /**
     * Subscribes once, apart from the caller: cancelling the returned Mono (Reactor Netty does
     * when the client hangs up) leaves the claim, the run and the stored answer to go on. What
     * runs on without a caller stays bounded: a request keeps its bulkhead slot and its request
     * timeout (later steps of the same chain), and a cut stream leaves at most the lines it had
     * in flight (its bulk concurrency), each one operation long.
     */
    private static <T> Mono<T> detached(Mono<T> work) {
        return Mono.deferContextual(context -> {
            Sinks.One<T> outcome = Sinks.one();
            work.contextWrite(context).subscribe(outcome::tryEmitValue, outcome::tryEmitError, outcome::tryEmitEmpty);
            return outcome.asMono();
        });
    }

    /** The answer of one claimed run, given once. */
    private final class Answer implements Completion {

        private final String tenantId;
        private final String key;
        private final AtomicBoolean given = new AtomicBoolean();

        Answer(String tenantId, String key) {
            this.tenantId = tenantId;
            this.key = key;
        }

        @Override
        public Mono<Void> answered(StoredResponse answer) {
            if (!given.compareAndSet(false, true)) {
                return Mono.empty();
            }
            boolean retryable = answer.status() >= 500 || answer.status() == TOO_MANY_REQUESTS;
            // A failed completion keeps the claim: what the run wrote may have committed. A create
            // that did marked the claim and its retry is answered from it; anything else is
            // freed by the lease.
            return retryable ? release() : store.complete(tenantId, key, answer);
        }

        @Override
        public <T> Mono<T> creating(Mono<T> create) {
            return create.contextWrite(new ClaimedKey(tenantId, key).context());
        }

        /** A run that ended without an answer (it failed before it had one) frees the key for a retry. */
        Mono<Void> unanswered() {
            return given.compareAndSet(false, true) ? release() : Mono.empty();
        }

        /** Best effort: a key that stays claimed is freed by its lease. */
        private Mono<Void> release() {
            return store.release(tenantId, key).onErrorResume(e -> Mono.empty());
        }
    }
}
