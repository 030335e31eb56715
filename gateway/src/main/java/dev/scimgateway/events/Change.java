package dev.scimgateway.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One change of the activity log as the feed reads it: never a refused request, never more than
 * ids and counts (the log holds no attribute values beyond externalId, userName and displayName).
 *
 * @param seq the tenant's sequence number of the change: the feed's order and its position
 * @param action create, replace, patch, delete, activate or deactivate
 * @param resourceType {@code User} or {@code Group}
 */
public record Change(String tenantId, long seq, Instant at, String action, String resourceType, UUID resourceId,
        @Nullable String externalId, @Nullable Long membersAdded, @Nullable Long membersRemoved,
        @Nullable String requestId, @Nullable Integer operationIndex) {

    /** Whether the change added or removed members (a group membership PATCH). */
    public boolean changedMembers() {
        return (membersAdded != null && membersAdded > 0) || (membersRemoved != null && membersRemoved > 0);
    }
}
