package dev.scimgateway.console;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The read-only view of a tenant's users and groups that the console shows. Every read names the
 * tenant, and every list is a keyset page: it starts after a key and reads at most {@code limit}
 * rows, however large the tenant or the group.
 */
public interface TenantDirectory {

    /**
     * Users in order of {@code lower(userName)}, after {@code afterKey} ("" for the first page);
     * with a {@code prefix}, only those whose userName, first e-mail, display name or family name
     * starts with it, case-insensitively.
     */
    Flux<UserSummary> users(String tenantId, @Nullable String prefix, String afterKey, int limit);

    Mono<UserDetail> user(String tenantId, UUID id);

    /** The groups a user is in, directly or through nested groups. */
    Flux<GroupOfUser> groupsOf(String tenantId, UUID userId);

    /** Groups in order of {@code lower(displayName)}, after {@code afterKey} ("" for the first page). */
    Flux<GroupSummary> groups(String tenantId, String afterKey, int limit);

    Mono<GroupSummary> group(String tenantId, UUID id);

    /** A group's members in order of their id, after {@code afterId} (null for the first page). */
    Flux<Member> members(String tenantId, UUID groupId, @Nullable UUID afterId, int limit);

    /**
     * How many users (and of them deactivated) and groups the tenant has. It reads index entries
     * only (the tenant's part of an index on users and one on groups, and the partial index of
     * deactivated users), never the rows: on a tenant of millions it is not free, so callers cache it.
     */
    Mono<Counts> counts(String tenantId);

    record Counts(long users, long deactivated, long groups) {

        public long active() {
            return users - deactivated;
        }
    }

    /** {@code key} is what the next page starts after. */
    record UserSummary(UUID id, String userName, @Nullable String displayName, @Nullable String email, boolean active,
            String key) {}

    record UserDetail(UUID id, String userName, @Nullable String displayName, @Nullable String email,
            @Nullable String externalId, boolean active, Instant created, Instant lastModified) {}

    /** @param direct a member itself, rather than through a nested group */
    record GroupOfUser(UUID id, String displayName, boolean direct) {}

    record GroupSummary(UUID id, String displayName, @Nullable String externalId, long members, Instant created,
            Instant lastModified, String key) {}

    /** @param type "User" or "Group"; {@code name} is a user's userName or a group's display name */
    record Member(UUID id, String type, String name, @Nullable String display, @Nullable Boolean active) {}
}
