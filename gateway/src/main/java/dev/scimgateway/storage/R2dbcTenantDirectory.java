package dev.scimgateway.storage;

import dev.scimgateway.console.TenantDirectory;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The console's reads of users and groups. Each list is a keyset page over an index that starts
 * with the tenant, so a page costs the same on the first page and the thousandth, in a tenant of
 * ten users or of millions; nothing here uses OFFSET.
 */
final class R2dbcTenantDirectory implements TenantDirectory {

    private static final String USER_COLUMNS = "SELECT id, user_name, display_name, doc #>> '{emails,0,value}',"
            + " active, lower(user_name), external_id, created_at, last_modified FROM scim_user";

    /** Walks the unique index on lower(user_name) from the key on: reads {@code limit} rows. */
    static final String USERS = USER_COLUMNS + " WHERE tenant_id = $1 AND lower(user_name) > $2"
            + " ORDER BY lower(user_name) LIMIT $3";

    /**
     * Walks the tenant's users in userName order until a page matches; $4 is the prefix, lower-cased,
     * with LIKE's wildcards escaped. The e-mail and name prefixes have no index of their own: every
     * user create would pay for it, and creates are the hot path; a console search is rare.
     */
    static final String SEARCH = USER_COLUMNS + " WHERE tenant_id = $1 AND lower(user_name) > $2"
            + " AND (lower(user_name) LIKE $4 OR lower(doc #>> '{emails,0,value}') LIKE $4"
            + " OR lower(display_name) LIKE $4 OR lower(doc #>> '{name,familyName}') LIKE $4)"
            + " ORDER BY lower(user_name) LIMIT $3";

    private static final String USER = USER_COLUMNS + " WHERE tenant_id = $1 AND id = $2";

    /**
     * The count is per group over the primary key (tenant_id, group_id, member_id): an index-only
     * scan of that group's entries, never its members' rows.
     */
    private static final String GROUP_COLUMNS = "SELECT g.id, g.display_name, g.external_id,"
            + " (SELECT count(*) FROM group_member m WHERE m.tenant_id = g.tenant_id AND m.group_id = g.id),"
            + " g.created_at, g.last_modified, lower(g.display_name) FROM scim_group g";

    static final String GROUPS = GROUP_COLUMNS + " WHERE g.tenant_id = $1 AND lower(g.display_name) > $2"
            + " ORDER BY lower(g.display_name) LIMIT $3";

    static final String GROUP_BY_ID = GROUP_COLUMNS + " WHERE g.tenant_id = $1 AND g.id = $2";

    /**
     * A page of members walks the primary key from the last member shown: {@code limit} index
     * entries and as many user or group rows by their keys, whatever the group's size.
     */
    static final String MEMBERS = "SELECT m.member_id, m.member_type, coalesce(u.user_name, g.display_name), m.display,"
            + " u.active FROM group_member m"
            + " LEFT JOIN scim_user u ON u.tenant_id = m.tenant_id AND u.id = m.member_user"
            + " LEFT JOIN scim_group g ON g.tenant_id = m.tenant_id AND g.id = m.member_group"
            + " WHERE m.tenant_id = $1 AND m.group_id = $2 AND m.member_id > $3"
            + " ORDER BY m.member_id LIMIT $4";

    /**
     * Three index-only counts: every user by an index that starts with the tenant, the deactivated ones by their partial
     * index (V16: only deactivated users are in it, so creating active users never writes it), every
     * group by an index of groups that starts with the tenant.
     */
    static final String COUNTS = "SELECT (SELECT count(*) FROM scim_user WHERE tenant_id = $1),"
            + " (SELECT count(*) FROM scim_user WHERE tenant_id = $1 AND NOT active),"
            + " (SELECT count(*) FROM scim_group WHERE tenant_id = $1)";

    /** Sorts before every random (version 4) id, so the first page starts after it. */
    private static final UUID BEFORE_ALL = new UUID(0L, 0L);

    private final DatabaseClient db;

    R2dbcTenantDirectory(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Flux<UserSummary> users(String tenantId, @Nullable String prefix, String afterKey, int limit) {
        boolean search = prefix != null && !prefix.isBlank();
        DatabaseClient.GenericExecuteSpec spec = db.sql(search ? SEARCH : USERS)
                .bind(0, tenantId)
                .bind(1, afterKey)
                .bind(2, limit);
        if (search) {
            spec = spec.bind(3, likePrefix(prefix));
        }
        return spec.map(row -> new UserSummary(uuid(row, 0), text(row, 1), row.get(2, String.class),
                        row.get(3, String.class), Boolean.TRUE.equals(row.get(4, Boolean.class)), text(row, 5)))
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<UserDetail> user(String tenantId, UUID id) {
        return db.sql(USER)
                .bind(0, tenantId)
                .bind(1, id)
                .map(row -> new UserDetail(uuid(row, 0), text(row, 1), row.get(2, String.class), row.get(3, String.class),
                        row.get(6, String.class), Boolean.TRUE.equals(row.get(4, Boolean.class)), instant(row, 7),
                        instant(row, 8)))
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Flux<GroupOfUser> groupsOf(String tenantId, UUID userId) {
        return db.sql(GroupsOfUsers.GROUPS)
                .bind(0, tenantId)
                .bind(1, new UUID[] {userId})
                .map(row -> new GroupOfUser(uuid(row, 1), text(row, 3), Boolean.TRUE.equals(row.get(2, Boolean.class))))
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Flux<GroupSummary> groups(String tenantId, String afterKey, int limit) {
        return db.sql(GROUPS)
                .bind(0, tenantId)
                .bind(1, afterKey)
                .bind(2, limit)
                .map(R2dbcTenantDirectory::group)
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<GroupSummary> group(String tenantId, UUID id) {
        return db.sql(GROUP_BY_ID)
                .bind(0, tenantId)
                .bind(1, id)
                .map(R2dbcTenantDirectory::group)
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Flux<Member> members(String tenantId, UUID groupId, @Nullable UUID afterId, int limit) {
        return db.sql(MEMBERS)
                .bind(0, tenantId)
                .bind(1, groupId)
                .bind(2, afterId == null ? BEFORE_ALL : afterId)
                .bind(3, limit)
                .map(row -> new Member(uuid(row, 0), text(row, 1), Objects.requireNonNullElse(row.get(2, String.class), ""),
                        row.get(3, String.class), row.get(4, Boolean.class)))
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Counts> counts(String tenantId) {
        return db.sql(COUNTS)
                .bind(0, tenantId)
                .map(row -> new Counts(count(row, 0), count(row, 1), count(row, 2)))
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    private static long count(Readable row, int index) {
        return Objects.requireNonNullElse(row.get(index, Long.class), 0L);
    }

    private static GroupSummary group(Readable row) {
        Long members = row.get(3, Long.class);
        return new GroupSummary(uuid(row, 0), text(row, 1), row.get(2, String.class), members == null ? 0 : members,
                instant(row, 4), instant(row, 5), text(row, 6));
    }

    /** The prefix as a LIKE pattern that matches it literally: its own % and _ are not wildcards. */
    static String likePrefix(String prefix) {
        String lower = prefix.strip().toLowerCase(Locale.ROOT);
        return lower.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static UUID uuid(Readable row, int index) {
        return Objects.requireNonNull(row.get(index, UUID.class));
    }

    private static String text(Readable row, int index) {
        return Objects.requireNonNullElse(row.get(index, String.class), "");
    }

    private static Instant instant(Readable row, int index) {
        return Objects.requireNonNull(row.get(index, OffsetDateTime.class)).toInstant();
    }
}
