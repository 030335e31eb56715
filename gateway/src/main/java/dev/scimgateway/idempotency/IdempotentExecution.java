package dev.scimgateway.idempotency;

import dev.scimgateway.scim.web.StoredResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Keyed work done at most once per tenant and key. An HTTP request with an {@code Idempotency-Key}
 * and an NDJSON bulk line with an {@code idempotencyKey} both go through it: the first run's answer
 * is stored before anyone can see it, a retry gets that answer back without running again, and
 * the key is refused while its first run is still going or when it comes with different work.
 */
public interface IdempotentExecution {

    /**
     * Runs {@code work} unless the key already has an answer or a run. A run that started goes on
     * to its end and stores its answer even when the caller stops listening (a client that hangs
     * up, a stream that is cut): what it writes commits either way, so its answer must be kept
     * either way.
     *
     * @param fingerprint identifies the work; the same key with another fingerprint is refused
     */
    <T> Mono<T> once(String tenantId, String key, byte[] fingerprint, Work<T> work);

    static IdempotentExecution claiming(IdempotencyStore store, Duration retention, Duration lease,
            MeterRegistry meters) {
        return new ClaimedExecution(store, retention, lease, meters);
    }

    /** The caller's half: how to run the work, and how to answer without running it. */
    interface Work<T> {

        /**
         * Runs the work. It gives its answer to {@code completion} before the answer can be seen
         * (a client that retries the moment it has its answer must find it stored).
         */
        Mono<T> run(Completion completion);

        /** Answers a retry with the first run's answer. */
        Mono<T> replay(StoredResponse first);

        /**
         * Answers a retry whose first run created {@code created} and committed, but never stored
         * its answer: from the resource as it is now, without running again. The answer is given
         * to {@code completion}, as a run's is.
         */
        Mono<T> recover(UUID created, Completion completion);

        /** Answers a request that the key cannot serve. */
        Mono<T> refuse(Refusal refusal);

        /**
         * Whether the work is one create, which it runs through {@link Completion#creating}: then
         * the create's statement claims the key, and the work may run a second time, on a claim
         * taken first, when that statement finds the key taken ({@link KeyHeld}).
         */
        default boolean createsOne() {
            return false;
        }
    }

    /** Where a run leaves its answer. */
    interface Completion {

        /**
         * Stores the answer for retries; an answer a retry should not inherit (a 5xx, a 429) frees
         * the key instead, so that the retry runs again, unless the run's create committed (then
         * the retry is answered by {@link Work#recover}).
         */
        Mono<Void> answered(StoredResponse answer);

        /**
         * Lets the one resource {@code create} makes claim the key, or mark the run's claim, in
         * the statement that creates it ({@link KeyedCreate}). Only work that creates at most one
         * resource may use it: a retry of work that committed is answered from that resource.
         */
        <T> Mono<T> creating(Mono<T> create);
    }

    /** Why a key cannot serve a request. */
    enum Refusal {
        /** 409: an earlier run with this key has not answered yet. */
        IN_FLIGHT,
        /** 422: the key was used for different work. */
        OTHER_WORK
    }
}
