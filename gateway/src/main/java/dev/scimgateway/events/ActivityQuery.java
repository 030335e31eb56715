package dev.scimgateway.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One page of a tenant's activity, newest first: the rows below {@code before} (a row id, from the
 * cursor; null for the newest) that match every filter given, at most {@code count} of them.
 * A null filter matches everything.
 */
public record ActivityQuery(String tenantId, @Nullable ActivityKind kind, @Nullable String resourceType,
        @Nullable UUID resourceId, @Nullable UUID tokenId, @Nullable String tokenName, @Nullable Outcome outcome,
        @Nullable Instant since, @Nullable Instant until, @Nullable Long before, int count) {

    /** The same filters, on the page that starts below row {@code id}. */
    public ActivityQuery below(long id) {
        return new ActivityQuery(tenantId, kind, resourceType, resourceId, tokenId, tokenName, outcome, since, until,
                id, count);
    }

    public ActivityQuery counting(int rows) {
        return new ActivityQuery(tenantId, kind, resourceType, resourceId, tokenId, tokenName, outcome, since, until,
                before, rows);
    }
}
