package dev.scimgateway.idempotency;

import dev.scimgateway.scim.web.StoredResponse;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** Keeps the first response to each (tenant, key); errors arrive as ScimException signals. */
public interface IdempotencyStore {

    /**
     * Claims the key for a request with this fingerprint, or reports what holds it. An expired
     * record, or an in-flight claim older than {@code lease} whose run created nothing that
     * committed, is taken over; one whose run did is reported {@link Claim.Committed}.
     */
    Mono<Claim> claim(String tenantId, String key, byte[] fingerprint, Duration retention, Duration lease);

    /**
     * Stores the answer of the run that holds the key. With {@code recoverable}, the run's create
     * committed with the key, so the answer is written without waiting for its WAL flush: lost in
     * a crash, it is rebuilt from that resource for the retry ({@link Claim.Committed}).
     */
    Mono<Void> complete(String tenantId, String key, StoredResponse response, boolean recoverable);

    /**
     * Stores the answer of a run that never claimed its key (it ended before its create, which
     * would have), unless the key has a record already; emits whether it stored it.
     */
    Mono<Boolean> answer(String tenantId, String key, byte[] fingerprint, Duration retention, StoredResponse response);

    /**
     * Forgets a claim whose request should be retryable (a 5xx, a 429), unless its run created a
     * resource that committed: that claim is kept, and a retry is answered from the resource.
     */
    Mono<Void> release(String tenantId, String key);

    /** Deletes expired records; emits how many. */
    Mono<Long> purgeExpired();
}
