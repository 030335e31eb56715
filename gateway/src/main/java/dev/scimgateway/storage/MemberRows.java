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
 * never by reading or rewriting the member list. Member ids that name no user of the tenant are
 * skipped and reported back.
 */
final class MemberRows implements Members {

    private final DatabaseClient db;

    MemberRows(DatabaseClient db) {
        this.db = db;
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
                .flatMap(removed -> insert(tenantId, groupId, change).map(added -> added.of(locked, removed)));
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

    /** How many memberships an insert added, and the ids that named no user of the tenant. */
    private record Added(long count, List<UUID> unknown) {

        StoredWrite of(ResourceRecord record) {
            return of(record, 0);
        }

        StoredWrite of(ResourceRecord record, long removed) {
            return new StoredWrite(record, count, unknown, removed);
        }
    }

    /** Inserts the members that are users of this tenant; one row back says how many and which ids were not. */
    private Mono<Added> insert(String tenantId, UUID groupId, MembershipChange change) {
        Set<UUID> memberIds = change.toInsert();
        if (memberIds.isEmpty()) {
            return Mono.just(new Added(0, List.of()));
        }
        UUID[] ids = memberIds.toArray(UUID[]::new);
        String[] displays = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            displays[i] = change.displayOf(ids[i]);
        }
        return db.sql("WITH wanted AS (SELECT DISTINCT ON (id) id, display FROM unnest($3::uuid[], $4::text[]) AS x(id, display)),"
                        + " known AS (SELECT u.id, w.display FROM scim_user u JOIN wanted w ON u.id = w.id"
                        + "   WHERE u.tenant_id = $1),"
                        + " added AS (INSERT INTO group_member (tenant_id, group_id, member_id, display)"
                        + "   SELECT $1, $2, k.id, k.display FROM known k ON CONFLICT DO NOTHING RETURNING 1)"
                        + " SELECT (SELECT count(*) FROM added),"
                        + " array(SELECT w.id FROM wanted w WHERE NOT EXISTS (SELECT 1 FROM known k WHERE k.id = w.id))")
                .bind(0, tenantId)
                .bind(1, groupId)
                .bind(2, ids)
                .bind(3, displays)
                .map(row -> new Added(row.get(0, Long.class), List.of(row.get(1, UUID[].class))))
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

    /** Members of several groups in one query, keyed by group. */
    private Mono<Map<UUID, List<ResourceView.Member>>> membersOf(String tenantId, List<UUID> groupIds) {
        return db.sql("SELECT m.group_id, m.member_id, coalesce(m.display, u.display_name, u.user_name) FROM group_member m"
                        + " JOIN scim_user u ON u.tenant_id = m.tenant_id AND u.id = m.member_id"
                        + " WHERE m.tenant_id = $1 AND m.group_id = ANY($2::uuid[]) ORDER BY m.group_id, m.member_id")
                .bind(0, tenantId)
                .bind(1, groupIds.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get(0, UUID.class),
                        new ResourceView.Member(row.get(1, UUID.class), row.get(2, String.class))))
                .all()
                .collect(LinkedHashMap::new, (map, e) -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    }
}
