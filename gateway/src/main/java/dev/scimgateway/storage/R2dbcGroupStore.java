package dev.scimgateway.storage;

import dev.scimgateway.groups.GroupStore;
import dev.scimgateway.groups.GroupView;
import dev.scimgateway.groups.GroupWrite;
import dev.scimgateway.groups.MembershipChange;
import dev.scimgateway.scim.protocol.list.ListPage;
import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.SortedRecord;
import dev.scimgateway.scim.schema.SchemaRegistry;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

final class R2dbcGroupStore implements GroupStore {


    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final JsonDocs docs;
    private final FilterSql.Factory filters;
    private final ResourceTable table;

    R2dbcGroupStore(DatabaseClient db, TransactionalOperator tx, JsonDocs docs, FilterSql.Factory filters) {
        this.db = db;
        this.tx = tx;
        this.docs = docs;
        this.filters = filters;
        this.table = new ResourceTable(db, docs, "scim_group", "group");
    }

    @Override
    public Mono<GroupWrite> insert(String tenantId, ResourceRecord group, MembershipChange members) {
        ObjectNode doc = group.attributes();
        Mono<Void> insertGroup = db.sql("INSERT INTO scim_group (tenant_id, id, display_name, external_id, doc, created_at,"
                        + " last_modified, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(0, tenantId)
                .bind(1, group.id())
                .bind(2, displayName(doc))
                .bind(3, ResourceTable.nullable(UserColumns.text(doc, "externalId")))
                .bind(4, docs.toJsonb(doc))
                .bind(5, group.created().atOffset(ZoneOffset.UTC))
                .bind(6, group.lastModified().atOffset(ZoneOffset.UTC))
                .bind(7, group.version())
                .then();
        return insertGroup
                .then(insertMembers(tenantId, group.id(), members))
                .map(added -> new GroupWrite(group, added.count(), added.unknown()))
                .as(tx::transactional)
                .onErrorMap(e -> StorageErrors.translate(e, displayNameTaken(doc)));
    }

    @Override
    public Mono<GroupView> find(String tenantId, UUID id, boolean withMembers) {
        return table.find(tenantId, id)
                .flatMap(found -> withMembers
                        ? membersOf(tenantId, List.of(found.id()))
                                .map(members -> new GroupView(found, members.getOrDefault(found.id(), List.of())))
                        : Mono.just(new GroupView(found, null)))
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<GroupWrite> update(String tenantId, UUID id, @Nullable ObjectNode attributes, MembershipChange members,
            @Nullable Long expectedVersion) {
        return touchGroup(tenantId, id, attributes, expectedVersion)
                .flatMap(record -> applyMembership(tenantId, id, members)
                        .map(added -> new GroupWrite(record, added.count(), added.unknown())))
                .as(tx::transactional)
                .onErrorMap(e -> StorageErrors.translate(e, attributes == null ? "The group changed concurrently"
                        : displayNameTaken(attributes)));
    }

    /**
     * Writes the group row first: its row lock orders concurrent changes to one group, and the
     * version moves with every membership change so ETags stay truthful.
     */
    private Mono<ResourceRecord> touchGroup(String tenantId, UUID id, @Nullable ObjectNode attributes,
            @Nullable Long expectedVersion) {
        SqlParams params = new SqlParams(tenantId, id, ResourceTable.nullable(expectedVersion));
        String set = "";
        if (attributes != null) {
            set = ", display_name = " + params.add(displayName(attributes))
                    + ", external_id = " + params.add(ResourceTable.nullable(UserColumns.text(attributes, "externalId")))
                    + ", doc = " + params.add(docs.toJsonb(attributes));
        }
        return params.bindAll(db.sql("UPDATE scim_group r SET version = r.version + 1,"
                        + " last_modified = greatest(clock_timestamp(), r.last_modified)" + set
                        + " WHERE r.tenant_id = $1 AND r.id = $2 AND ($3::bigint IS NULL OR r.version = $3)"
                        + " RETURNING " + ResourceTable.COLUMNS))
                .map(table::record)
                .one()
                .switchIfEmpty(Mono.defer(() -> table.explainMissedWrite(tenantId, id, expectedVersion)));
    }

    /** How many memberships an insert added, and the ids that named no user of the tenant. */
    private record Added(long count, List<UUID> unknown) {}

    private Mono<Added> applyMembership(String tenantId, UUID groupId, MembershipChange members) {
        Set<UUID> keepOnly = members.keepOnly();
        Mono<Void> deletes = keepOnly != null
                ? db.sql("DELETE FROM group_member WHERE tenant_id = $1 AND group_id = $2 AND member_id <> ALL($3::uuid[])")
                        .bind(0, tenantId).bind(1, groupId).bind(2, keepOnly.toArray(UUID[]::new)).then()
                : members.toDelete().isEmpty() ? Mono.empty()
                : db.sql("DELETE FROM group_member WHERE tenant_id = $1 AND group_id = $2 AND member_id = ANY($3::uuid[])")
                        .bind(0, tenantId).bind(1, groupId).bind(2, members.toDelete().toArray(UUID[]::new)).then();
        return deletes.then(insertMembers(tenantId, groupId, members));
    }

    /** Inserts the members that are users of this tenant; one row back says how many and which ids were not. */
    private Mono<Added> insertMembers(String tenantId, UUID groupId, MembershipChange change) {
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
    public Mono<GroupWrite> modify(String tenantId, UUID id, java.util.function.Function<ResourceRecord, ObjectNode> change,
            MembershipChange members) {
        return table.findForUpdate(tenantId, id)
                .flatMap(current -> Mono.fromCallable(() -> change.apply(current))
                        .flatMap(patched -> touchGroup(tenantId, id, patched, current.version())
                                .flatMap(record -> applyMembership(tenantId, id, members)
                                        .map(added -> new GroupWrite(record, added.count(), added.unknown())))))
                .as(tx::transactional)
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Boolean> delete(String tenantId, UUID id, @Nullable Long expectedVersion) {
        return table.delete(tenantId, id, expectedVersion);
    }

    @Override
    public Mono<ListPage<GroupView>> list(String tenantId, ListQuery query, SchemaRegistry schemas, boolean withMembers) {
        return table.list(tenantId, query, params -> filters.groups(params, schemas))
                .flatMap(page -> views(tenantId, page.resources(), withMembers)
                        .map(views -> new ListPage<>(views, page.totalResults(), page.startIndex(), page.hasMore())))
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Flux<SortedRecord> sorted(String tenantId, ListQuery query, SchemaRegistry schemas) {
        return table.sorted(tenantId, query, params -> filters.groups(params, schemas));
    }

    @Override
    public Mono<List<GroupView>> views(String tenantId, List<ResourceRecord> groups, boolean withMembers) {
        return (withMembers ? withMembers(tenantId, groups)
                : Mono.just(groups.stream().map(r -> new GroupView(r, null)).toList()))
                .onErrorMap(StorageErrors::translate);
    }

    private Mono<List<GroupView>> withMembers(String tenantId, List<ResourceRecord> records) {
        if (records.isEmpty()) {
            return Mono.just(List.of());
        }
        return membersOf(tenantId, records.stream().map(ResourceRecord::id).toList()).map(members -> records.stream()
                .map(r -> new GroupView(r, members.getOrDefault(r.id(), List.of())))
                .toList());
    }

    /** Members of several groups in one query, keyed by group. */
    private Mono<Map<UUID, List<GroupView.Member>>> membersOf(String tenantId, List<UUID> groupIds) {
        return db.sql("SELECT m.group_id, m.member_id, coalesce(m.display, u.display_name, u.user_name) FROM group_member m"
                        + " JOIN scim_user u ON u.tenant_id = m.tenant_id AND u.id = m.member_id"
                        + " WHERE m.tenant_id = $1 AND m.group_id = ANY($2::uuid[]) ORDER BY m.group_id, m.member_id")
                .bind(0, tenantId)
                .bind(1, groupIds.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get(0, UUID.class),
                        new GroupView.Member(row.get(1, UUID.class), row.get(2, String.class))))
                .all()
                .collect(LinkedHashMap::new, (map, e) -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    }

    private static String displayName(ObjectNode doc) {
        String name = UserColumns.text(doc, "displayName");
        return name == null ? "" : name;
    }

    private static String displayNameTaken(ObjectNode doc) {
        return "A group named '" + displayName(doc) + "' already exists in this tenant";
    }

}
