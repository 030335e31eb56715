package dev.scimgateway.idempotency;

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

    Mono<Void> complete(String tenantId, String key, StoredResponse response);

    /**
     * Forgets a claim whose request should be retryable (a 5xx, a 429), unless its run created a
     * resource that committed: that claim is kept, and a retry is answered from the resource.
     */
    Mono<Void> release(String tenantId, String key);

    /** Deletes expired records; emits how many. */
    Mono<Long> purgeExpired();
}
