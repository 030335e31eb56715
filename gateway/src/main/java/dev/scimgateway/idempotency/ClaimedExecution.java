package dev.scimgateway.idempotency;

import dev.scimgateway.scim.web.StoredResponse;
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

    /**
     * A create claims its key in the statement that creates the resource; anything else, and a
     * create whose statement found the key taken, claims it first.
     */
    @Override
    public <T> Mono<T> once(String tenantId, String key, byte[] fingerprint, Work<T> work) {
        if (!work.createsOne()) {
            return detached(claimed(tenantId, key, fingerprint, work));
        }
        KeyedCreate create = KeyedCreate.claiming(tenantId, key, new KeyedCreate.Unclaimed(fingerprint, retention, lease));
        return detached(holding(new Answer(create, fingerprint), work::run)
                .onErrorResume(KeyHeld.class, held -> claimed(tenantId, key, fingerprint, work)));
    }

    private <T> Mono<T> claimed(String tenantId, String key, byte[] fingerprint, Work<T> work) {
        return store.claim(tenantId, key, fingerprint, retention, lease).flatMap(claim -> {
            if (claim instanceof Claim.Replay replay) {
                replays.increment();
                return work.replay(replay.response());
            }
            Answer onClaim = new Answer(KeyedCreate.onClaim(tenantId, key), fingerprint);
            if (claim instanceof Claim.Committed committed) {
                // Answered, as a replay is, from the first run's work, which does not run again.
                replays.increment();
                return holding(onClaim, answer -> work.recover(committed.resource(), answer));
            }
            if (claim instanceof Claim.InFlight) {
                return work.refuse(Refusal.IN_FLIGHT);
            }
            if (claim instanceof Claim.Mismatch) {
                return work.refuse(Refusal.OTHER_WORK);
            }
            return holding(onClaim, work::run);
        });
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

    /** The answer of one run, given once. */
    private final class Answer implements Completion {

        private final KeyedCreate create;
        private final byte[] fingerprint;
        private final AtomicBoolean given = new AtomicBoolean();

        Answer(KeyedCreate create, byte[] fingerprint) {
            this.create = create;
            this.fingerprint = fingerprint;
        }

        @Override
        public Mono<Void> answered(StoredResponse answer) {
            if (!given.compareAndSet(false, true) || create.keptAnswer() != null) {
                // Given already, or kept with the key by the statement that created the resource.
                return Mono.empty();
            }
            boolean retryable = answer.status() >= 500 || answer.status() == TOO_MANY_REQUESTS;
            if (retryable) {
                // A failed completion keeps the claim: what the run wrote may have committed. A create
                // that did marked the claim and its retry is answered from it; anything else is
                // freed by the lease.
                return release();
            }
            if (create.claimed()) {
                return store.complete(create.tenantId(), create.key(), answer, create.written());
            }
            // Ended before its create: the first answer to the key, unless the key has one already,
            // which is then the answer (a replay, or 422 for other work): the run starts over on a claim.
            return store.answer(create.tenantId(), create.key(), fingerprint, retention, answer)
                    .flatMap(stored -> stored ? Mono.<Void>empty() : Mono.error(new KeyHeld()));
        }

        @Override
        public <T> Mono<T> creating(Mono<T> run) {
            return run.contextWrite(create.context());
        }

        /** A run that ended without an answer (it failed before it had one) frees the key for a retry. */
        Mono<Void> unanswered() {
            return given.compareAndSet(false, true) ? release() : Mono.empty();
        }

        /**
         * Best effort: a key that stays claimed is freed by its lease. A run that never came to
         * claim its key has none to free, and must not free whoever holds it; a claim whose
         * create committed is never freed (the store keeps it).
         */
        private Mono<Void> release() {
            if (!create.claimed()) {
                return Mono.empty();
            }
            return store.release(create.tenantId(), create.key()).onErrorResume(e -> Mono.empty());
        }
    }
}
