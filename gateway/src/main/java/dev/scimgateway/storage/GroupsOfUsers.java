package dev.scimgateway.storage;

import dev.scimgateway.resources.MembershipChange;
import dev.scimgateway.resources.ResourceView;
import dev.scimgateway.resources.StoredWrite;
import dev.scimgateway.scim.protocol.ResourceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The groups users are in (User.groups, RFC 7643 §4.1.2), read from {@code group_member}: one
 * query for a whole page of users. Users write no membership of their own: groups do.
 */
final class GroupsOfUsers implements Members {

    /**
     * Each user's groups: those it is a member of ("direct"), then upward along the rows of nested
     * groups ("indirect"); a group reached both ways is direct. UNION keeps each (user, group, kind)
     * once, so the walk ends even if rows ever formed a cycle, and its size is bounded by the
     * users' groups and their ancestors, never by how many members those groups have. The
     * console's page of one user reads its groups with it too ({@link R2dbcTenantDirectory}).
     */
    static final String GROUPS = "WITH RECURSIVE up(user_id, group_id, direct) AS ("
            + " SELECT m.member_user, m.group_id, true FROM group_member m"
            + "   WHERE m.tenant_id = $1 AND m.member_user = ANY($2::uuid[])"
            + " UNION SELECT up.user_id, m.group_id, false FROM up JOIN group_member m ON m.member_group = up.group_id"
            + "   WHERE m.tenant_id = $1 AND m.member_group IS NOT NULL)"
            + " SELECT up.user_id, up.group_id, bool_or(up.direct), g.display_name FROM up"
            + " JOIN scim_group g ON g.tenant_id = $1 AND g.id = up.group_id"
            + " GROUP BY up.user_id, up.group_id, g.display_name ORDER BY up.user_id, lower(g.display_name), up.group_id";

    /**
     * The same walk for the one user of the row {@code r} being read, as a column: a JSON array of
     * [group id, display name, direct] in the order of {@link #GROUPS}. A user in no group costs
     * one probe of the membership index.
     */
    static final String CARRIED = "(SELECT coalesce(jsonb_agg(jsonb_build_array(g.id, g.display_name, d.direct)"
            + " ORDER BY lower(g.display_name), g.id), '[]'::jsonb) FROM (WITH RECURSIVE up(group_id, direct) AS ("
            + " SELECT m.group_id, true FROM group_member m WHERE m.tenant_id = r.tenant_id AND m.member_user = r.id"
            + " UNION SELECT m.group_id, false FROM up JOIN group_member m ON m.member_group = up.group_id"
            + "   WHERE m.tenant_id = r.tenant_id AND m.member_group IS NOT NULL)"
            + " SELECT group_id, bool_or(direct) AS direct FROM up GROUP BY group_id) d"
            + " JOIN scim_group g ON g.tenant_id = r.tenant_id AND g.id = d.group_id) AS carried";

    private final DatabaseClient db;

    GroupsOfUsers(DatabaseClient db) {
        this.db = db;
    }

    /** Reads by id and pages of users carry their groups: one round trip, not two. */
    @Override
    public String carried() {
        return CARRIED;
    }

    @Override
    public Mono<List<ResourceView>> views(String tenantId, List<ResourceTable.Fetched> rows) {
        return Mono.fromCallable(() -> rows.stream().map(row -> new ResourceView(row.record(), groups(row.carried())))
                .toList());
    }

    private static List<ResourceView.Member> groups(@Nullable JsonNode carried) {
        if (carried == null || !carried.isArray()) {
            return List.of();
        }
        List<ResourceView.Member> groups = new ArrayList<>(carried.size());
        for (JsonNode group : carried) {
            groups.add(new ResourceView.Member(UUID.fromString(group.get(0).asString()),
                    group.get(1).isNull() ? null : group.get(1).asString(),
                    group.get(2).asBoolean() ? "direct" : "indirect"));
        }
        return groups;
    }

    @Override
    public Mono<StoredWrite> inserted(String tenantId, ResourceRecord created, MembershipChange change) {
        return Members.NONE.inserted(tenantId, created, change);
    }

    @Override
    public Mono<StoredWrite> updated(String tenantId, ResourceRecord updated, MembershipChange change) {
        return Members.NONE.updated(tenantId, updated, change);
    }

    @Override
    public <T> Mono<T> transactional(Mono<T> write, TransactionalOperator tx) {
        return Members.NONE.transactional(write, tx);
    }

    @Override
    public Mono<List<ResourceView>> views(String tenantId, List<ResourceRecord> records, boolean withGroups) {
        if (!withGroups || records.isEmpty()) {
            return Members.NONE.views(tenantId, records, false);
        }
        return db.sql(GROUPS)
                .bind(0, tenantId)
                .bind(1, records.stream().map(ResourceRecord::id).toArray(UUID[]::new))
                .map(row -> Map.entry(row.get(0, UUID.class), new ResourceView.Member(row.get(1, UUID.class),
                        row.get(3, String.class), Boolean.TRUE.equals(row.get(2, Boolean.class)) ? "direct" : "indirect")))
                .all()
                .collect(HashMap<UUID, List<ResourceView.Member>>::new,
                        (map, e) -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()))
                .map(groups -> records.stream()
                        .map(r -> new ResourceView(r, groups.getOrDefault(r.id(), List.of())))
                        .toList());
    }
}
