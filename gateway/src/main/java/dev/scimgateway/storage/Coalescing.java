package dev.scimgateway.storage;

import java.time.Duration;

/**
 * How writes are coalesced into multi-row statements (user creates, Idempotency-Key claims and
 * completions), and point reads of users into statements over many keys.
 *
 * @param window how long a write waits for others to share its statement
 * @param maxBatch most rows in one statement
 * @param oneTenantPerStatement split each batch by tenant: under Citus, where {@code tenant_id}
 *     places rows on shards, a statement with several tenants' rows is a transaction across
 *     shards; on one PostgreSQL, mixing tenants makes fuller statements and costs nothing
 */
public record Coalescing(Duration window, int maxBatch, boolean oneTenantPerStatement) {

    /** At most 4 statements of a kind in flight, then writes wait in a queue of 10,000, and beyond that get 503. */
    Coalescer.Settings settings() {
        return new Coalescer.Settings(maxBatch, window, 4, 10_000, oneTenantPerStatement);
    }

    /**
     * Point reads wait for no window: a reader waits for company only while every statement slot
     * is busy, so an idle gateway answers a read at once and a busy one answers many per statement.
     */
    Coalescer.Settings readSettings() {
        return new Coalescer.Settings(maxBatch, Duration.ZERO, 4, 10_000, oneTenantPerStatement);
    }
}
