package dev.scimgateway.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One row of a tenant's activity log: a change (it has a {@code seq}) or a refused request (action
 * {@code refused}, with the status, scimType and detail its client was given).
 */
public record ActivityEntry(long id, Instant at, @Nullable Long seq, String action, @Nullable String resourceType,
        @Nullable UUID resourceId, @Nullable String externalId, @Nullable String label, @Nullable Long membersAdded,
        @Nullable Long membersRemoved, List<UUID> memberIds, @Nullable Integer status, @Nullable String scimType,
        @Nullable String detail, @Nullable String method, @Nullable String path, @Nullable UUID tokenId,
        @Nullable String tokenName, @Nullable String requestId, @Nullable String bulkId,
        @Nullable Integer operationIndex) {

    /** The action of a refused request; every other action is a change. */
    public static final String REFUSED = "refused";

    public ActivityEntry {
        memberIds = List.copyOf(memberIds);
    }

    public ActivityKind kind() {
        return REFUSED.equals(action) ? ActivityKind.ERROR : ActivityKind.CHANGE;
    }
}
