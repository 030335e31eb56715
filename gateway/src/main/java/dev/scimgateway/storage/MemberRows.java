package dev.scimgateway.storage;

import dev.scimgateway.resources.MembershipChange;
import dev.scimgateway.resources.ResourceView;
import dev.scimgateway.resources.StoredWrite;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Group membership: one row per (group, member) in {@code group_member}, changed as sets and
 * never by reading or rewriting the member list. A member is a user or a group of the tenant
 * (RFC 7643 §4.2), and its row says which; ids that name neither are skipped and reported back.
 * Nesting never makes a cycle: see {@link NestingCycles}.
 */
final class MemberRows implements Members {

    private final DatabaseClient db;
    private final NestingCycles cycles;

    MemberRows(DatabaseClient db) {
        this.db = db;
        this.cycles = new NestingCycles(db);
    }

    @Override
    public Mono<StoredWrite> inserted(String tenantId, ResourceRecord created, MembershipChange change) {
        return insert(tenantId, created.id(), change).map(added -> added.of(created));
    }

    @Override
    public Mono<StoredWrite> updated(String tenantId, ResourceRecord locked, MembershipChange change) {
        UUID groupId = locked.id();
        Set<UUID> keepOnly = change.keepOnly();
        Mono<Long> deletes = keepOnly != null
                ? db.sql("DELETE FROM group_member WHERE tenant_id = $1 AND group_id = $2 AND member_id <> ALL($3::uuid[])")
                        .bind(0, tenantId).bind(1, groupId).bind(2, keepOnly.toArray(UUID[]::new)).fetch().rowsUpdated()
                : change.toDelete().isEmpty() ? Mono.just(0L)
                : db.sql("DELETE FROM group_member WHERE tenant_id = $1 AND group_id = $2 AND member_id = ANY($3::uuid[])")
                        .bind(0, tenantId).bind(1, groupId).bind(2, change.toDelete().toArray(UUID[]::new)).fetch().rowsUpdated();
        return targetsFound(tenantId, groupId, change)
                .then(deletes)
                .flatMap(removed -> insert(tenantId, groupId, change)
                        .flatMap(added -> added.groups() == 0 ? Mono.just(added)
                                : cycles.refuse(tenantId, locked).thenReturn(added))
                        .map(added -> added.of(locked, removed)));
    }

    /** A replace of members selected by filter needs one of them among the stored members (RFC 7644 §3.5.2.3). */
    private Mono<Void> targetsFound(String tenantId, UUID groupId, MembershipChange change) {
        List<MembershipChange.Target> targets = change.targets();
        if (targets.isEmpty()) {
            return Mono.empty();
        }
        UUID[] selected = targets.stream().flatMap(target -> target.anyOf().stream()).distinct().toArray(UUID[]::new);
        return db.sql("SELECT member_id FROM group_member WHERE tenant_id = $1 AND group_id = $2 AND member_id = ANY($3::uuid[])")
                .bind(0, tenantId).bind(1, groupId).bind(2, selected)
                .map(row -> row.get(0, UUID.class))
                .all()
                .collect(Collectors.toSet())
                .flatMap(stored -> targets.stream()
                        .filter(target -> target.anyOf().stream().noneMatch(stored::contains))
                        .findFirst()
                        .map(missed -> Mono.<Void>error(ScimException.noTarget(missed.detail())))
                        .orElse(Mono.empty()));
    }

    @Override
    public <T> Mono<T> transactional(Mono<T> write, TransactionalOperator tx) {
        return write.as(tx::transactional);
    }

    /**
     * How many memberships an insert added, how many of them are groups, and the ids that named no
     * user or group of the tenant. A new group is in no group, so only an update can close a cycle.
     */
    private record Added(long count, long groups, List<UUID> unknown) {

        StoredWrite of(ResourceRecord record) {
            return of(record, 0);
        }

        StoredWrite of(ResourceRecord record, long removed) {
            return new StoredWrite(record, count, unknown, removed);
        }
    }

    /**
     * Inserts the members that are users or groups of this tenant, each with its kind; one row back
     * says how many, how many groups, and which ids were neither. The id decides the kind: a member's
     * "type" is not needed, and ids of users and groups are random UUIDs that never meet.
     */
    private Mono<Added> insert(String tenantId, UUID groupId, MembershipChange change) {
        Set<UUID> memberIds = change.toInsert();
        if (memberIds.isEmpty()) {
            return Mono.just(new Added(0, 0, List.of()));
        }
        UUID[] ids = memberIds.toArray(UUID[]::new);
        String[] displays = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            displays[i] = change.displayOf(ids[i]);
        }
        return db.sql("WITH wanted AS (SELECT DISTINCT ON (id) id, display FROM unnest($3::uuid[], $4::text[]) AS x(id, display)),"
                        + " known AS (SELECT w.id, w.display, CASE WHEN u.id IS NULL THEN 'Group' ELSE 'User' END AS type"
                        + "   FROM wanted w LEFT JOIN scim_user u ON u.tenant_id = $1 AND u.id = w.id"
                        + "   LEFT JOIN scim_group g ON g.tenant_id = $1 AND g.id = w.id"
                        + "   WHERE u.id IS NOT NULL OR g.id IS NOT NULL),"
                        + " added AS (INSERT INTO group_member (tenant_id, group_id, member_id, member_type, display)"
                        + "   SELECT $1, $2, k.id, k.type, k.display FROM known k ON CONFLICT DO NOTHING RETURNING member_type)"
                        + " SELECT (SELECT count(*) FROM added), (SELECT count(*) FROM added WHERE member_type = 'Group'),"
                        + " array(SELECT w.id FROM wanted w WHERE NOT EXISTS (SELECT 1 FROM known k WHERE k.id = w.id))")
                .bind(0, tenantId)
                .bind(1, groupId)
                .bind(2, ids)
                .bind(3, displays)
                .map(row -> new Added(row.get(0, Long.class), row.get(1, Long.class), List.of(row.get(2, UUID[].class))))
                .one();
    }

    @Override
    public Mono<List<ResourceView>> views(String tenantId, List<ResourceRecord> records, boolean withMembers) {
        if (!withMembers) {
            return Members.NONE.views(tenantId, records, false);
        }
        if (records.isEmpty()) {
            return Mono.just(List.of());
        }
        return membersOf(tenantId, records.stream().map(ResourceRecord::id).toList()).map(members -> records.stream()
                .map(r -> new ResourceView(r, members.getOrDefault(r.id(), List.of())))
                .toList());
    }

    /**
     * Members of several groups in one query, keyed by group. A member shows the display its client
     * gave it, else the user's displayName or userName, or the group's displayName.
     */
    private Mono<Map<UUID, List<ResourceView.Member>>> membersOf(String tenantId, List<UUID> groupIds) {
        return db.sql("SELECT m.group_id, m.member_id, m.member_type,"
                        + " coalesce(m.display, u.display_name, u.user_name, g.display_name) FROM group_member m"
                        + " LEFT JOIN scim_user u ON u.tenant_id = m.tenant_id AND u.id = m.member_user"
                        + " LEFT JOIN scim_group g ON g.tenant_id = m.tenant_id AND g.id = m.member_group"
                        + " WHERE m.tenant_id = $1 AND m.group_id = ANY($2::uuid[]) ORDER BY m.group_id, m.member_id")
                .bind(0, tenantId)
                .bind(1, groupIds.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get(0, UUID.class), new ResourceView.Member(row.get(1, UUID.class),
                        row.get(3, String.class), row.get(2, String.class))))
                .all()
                .collect(LinkedHashMap::new, (map, e) -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    }
}
