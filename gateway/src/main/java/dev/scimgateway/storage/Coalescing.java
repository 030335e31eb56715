package dev.scimgateway.storage;

import java.time.Duration;

/**
 * How writes are coalesced into multi-row statements (user creates, Idempotency-Key claims and
 * completions).
 *
 * @param window how long a write waits for others to share its statement
 * @param maxBatch most rows in one statement
 * @param oneTenantPerStatement split each batch by tenant: under Citus, where {@code tenant_id}
 *     places rows on shards, a statement with several tenants' rows is a transaction across
 *     shards; on one PostgreSQL, mixing tenants makes fuller statements and costs nothing
 */
public record Coalescing(Duration window, int maxBatch, boolean oneTenantPerStatement) {

    /** At most 4 statements of a kind in flight, then writes wait in a queue of 10,000, and beyond that get 503. */
    WriteCoalescer.Settings settings() {
        return new WriteCoalescer.Settings(maxBatch, window, 4, 10_000, oneTenantPerStatement);
    }
}
