package dev.scimgateway.storage;

import dev.scimgateway.groups.GroupStore;
import dev.scimgateway.groups.GroupView;
import dev.scimgateway.groups.GroupWrite;
import dev.scimgateway.groups.MembershipChange;
import dev.scimgateway.scim.protocol.ListPage;
import dev.scimgateway.scim.protocol.ListQuery;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import io.r2dbc.spi.Readable;
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
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

final class R2dbcGroupStore implements GroupStore {

    private static final String COLUMNS = "r.id, r.doc, r.created_at, r.last_modified, r.version";
    private static final String RETURNING = " RETURNING id, doc, created_at, last_modified, version";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final JsonDocs docs;
    private final FilterSql.Factory filters;

    R2dbcGroupStore(DatabaseClient db, TransactionalOperator tx, JsonDocs docs, FilterSql.Factory filters) {
        this.db = db;
        this.tx = tx;
        this.docs = docs;
        this.filters = filters;
    }

    @Override
    public Mono<GroupWrite> insert(String tenantId, ResourceRecord group, MembershipChange members) {
        ObjectNode doc = group.attributes();
        Mono<Void> insertGroup = db.sql("INSERT INTO scim_group (tenant_id, id, display_name, external_id, doc, created_at,"
                        + " last_modified, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(0, tenantId)
                .bind(1, group.id())
                .bind(2, displayName(doc))
                .bind(3, R2dbcUserStore.nullable(R2dbcUserStore.text(doc, "externalId")))
                .bind(4, docs.toJsonb(doc))
                .bind(5, group.created().atOffset(ZoneOffset.UTC))
                .bind(6, group.lastModified().atOffset(ZoneOffset.UTC))
                .bind(7, group.version())
                .then();
        return insertGroup
                .then(insertMembers(tenantId, group.id(), members.toInsert()))
                .map(skipped -> new GroupWrite(group, skipped))
                .as(tx::transactional)
                .onErrorMap(e -> StorageErrors.translate(e, displayNameTaken(doc)));
    }

    @Override
    public Mono<GroupView> find(String tenantId, UUID id, boolean withMembers) {
        Mono<ResourceRecord> record = db.sql("SELECT " + COLUMNS + " FROM scim_group r WHERE r.tenant_id = $1 AND r.id = $2")
                .bind(0, tenantId)
                .bind(1, id)
                .map(this::record)
                .one();
        return record.flatMap(found -> withMembers
                        ? membersOf(tenantId, List.of(found.id()))
                                .map(members -> new GroupView(found, members.getOrDefault(found.id(), List.of())))
                        : Mono.just(new GroupView(found, null)))
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<GroupWrite> update(String tenantId, UUID id, @Nullable ObjectNode attributes, MembershipChange members,
            @Nullable Long expectedVersion) {
        return touchGroup(tenantId, id, attributes, expectedVersion)
                .flatMap(record -> applyMembership(tenantId, id, members).map(skipped -> new GroupWrite(record, skipped)))
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
        SqlParams params = new SqlParams(tenantId, id, R2dbcUserStore.nullable(expectedVersion));
        String set = "";
        if (attributes != null) {
            set = ", display_name = " + params.add(displayName(attributes))
                    + ", external_id = " + params.add(R2dbcUserStore.nullable(R2dbcUserStore.text(attributes, "externalId")))
                    + ", doc = " + params.add(docs.toJsonb(attributes));
        }
        return params.bindAll(db.sql("UPDATE scim_group SET version = version + 1,"
                        + " last_modified = greatest(clock_timestamp(), last_modified)" + set
                        + " WHERE tenant_id = $1 AND id = $2 AND ($3::bigint IS NULL OR version = $3)" + RETURNING))
                .map(this::record)
                .one()
                .switchIfEmpty(Mono.defer(() -> explainMissedWrite(tenantId, id, expectedVersion)));
    }

    private Mono<List<UUID>> applyMembership(String tenantId, UUID groupId, MembershipChange members) {
        Set<UUID> keepOnly = members.keepOnly();
        Mono<Void> deletes = keepOnly != null
                ? db.sql("DELETE FROM group_member WHERE tenant_id = $1 AND group_id = $2 AND member_id <> ALL($3::uuid[])")
                        .bind(0, tenantId).bind(1, groupId).bind(2, keepOnly.toArray(UUID[]::new)).then()
                : members.toDelete().isEmpty() ? Mono.empty()
                : db.sql("DELETE FROM group_member WHERE tenant_id = $1 AND group_id = $2 AND member_id = ANY($3::uuid[])")
                        .bind(0, tenantId).bind(1, groupId).bind(2, members.toDelete().toArray(UUID[]::new)).then();
        return deletes.then(insertMembers(tenantId, groupId, members.toInsert()));
    }

    /** Inserts the members that are users of this tenant and emits the ids that are not. */
    private Mono<List<UUID>> insertMembers(String tenantId, UUID groupId, Set<UUID> memberIds) {
        if (memberIds.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("WITH wanted AS (SELECT DISTINCT unnest($3::uuid[]) AS id),"
                        + " known AS (SELECT u.id FROM scim_user u JOIN wanted w ON u.id = w.id WHERE u.tenant_id = $1),"
                        + " added AS (INSERT INTO group_member (tenant_id, group_id, member_id)"
                        + "   SELECT $1, $2, k.id FROM known k ON CONFLICT DO NOTHING)"
                        + " SELECT w.id FROM wanted w WHERE NOT EXISTS (SELECT 1 FROM known k WHERE k.id = w.id)")
                .bind(0, tenantId)
                .bind(1, groupId)
                .bind(2, memberIds.toArray(UUID[]::new))
                .map(row -> row.get(0, UUID.class))
                .all()
                .collectList();
    }

    @Override
    public Mono<Boolean> delete(String tenantId, UUID id, @Nullable Long expectedVersion) {
        return db.sql("DELETE FROM scim_group WHERE tenant_id = $1 AND id = $2 AND ($3::bigint IS NULL OR version = $3)")
                .bind(0, tenantId)
                .bind(1, id)
                .bind(2, R2dbcUserStore.nullable(expectedVersion))
                .fetch()
                .rowsUpdated()
                .flatMap(count -> count > 0 ? Mono.just(true)
                        : explainMissedWrite(tenantId, id, expectedVersion).map(r -> true).defaultIfEmpty(false))
                .onErrorMap(StorageErrors::translate);
    }

    private Mono<ResourceRecord> explainMissedWrite(String tenantId, UUID id, @Nullable Long expectedVersion) {
        if (expectedVersion == null) {
            return Mono.empty();
        }
        return find(tenantId, id, false).flatMap(current -> Mono.error(ScimException.preconditionFailed(
                "The group has changed (its version is now " + current.record().etag() + "); read it again and retry")));
    }

    @Override
    public Mono<ListPage<GroupView>> list(String tenantId, ListQuery query, boolean withMembers) {
        SqlParams params = new SqlParams(tenantId);
        String where = "r.tenant_id = $1" + filters.groups(params).where(query.filter());
        Mono<Long> total = params.bindAll(db.sql("SELECT count(*) FROM scim_group r WHERE " + where))
                .map(row -> row.get(0, Long.class))
                .one();
        if (query.count() == 0) {
            return total.map(n -> new ListPage<GroupView>(List.of(), n, query.startIndex()))
                    .onErrorMap(StorageErrors::translate);
        }
        String limit = params.add(query.count());
        String offset = params.add(query.offset());
        Mono<List<GroupView>> page = params.bindAll(db.sql("SELECT " + COLUMNS + " FROM scim_group r WHERE " + where
                        + " ORDER BY r.created_at, r.id LIMIT " + limit + " OFFSET " + offset))
                .map(this::record)
                .all()
                .collectList()
                .flatMap(records -> withMembers ? withMembers(tenantId, records)
                        : Mono.just(records.stream().map(r -> new GroupView(r, null)).toList()));
        return Mono.zip(page, total, (rows, n) -> new ListPage<>(rows, n, query.startIndex()))
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
        return db.sql("SELECT m.group_id, m.member_id, coalesce(u.display_name, u.user_name) FROM group_member m"
                        + " JOIN scim_user u ON u.tenant_id = m.tenant_id AND u.id = m.member_id"
                        + " WHERE m.tenant_id = $1 AND m.group_id = ANY($2::uuid[]) ORDER BY m.group_id, m.member_id")
                .bind(0, tenantId)
                .bind(1, groupIds.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get(0, UUID.class),
                        new GroupView.Member(row.get(1, UUID.class), row.get(2, String.class))))
                .all()
                .collect(LinkedHashMap::new, (map, e) -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    }

    private ResourceRecord record(Readable row) {
        return new ResourceRecord(row.get("id", UUID.class), docs.read(row, "doc"),
                R2dbcTenantStore.instant(row, 2), R2dbcTenantStore.instant(row, 3), row.get("version", Long.class));
    }

    private static String displayName(ObjectNode doc) {
        String name = R2dbcUserStore.text(doc, "displayName");
        return name == null ? "" : name;
    }

    private static String displayNameTaken(ObjectNode doc) {
        return "A group named '" + displayName(doc) + "' already exists in this tenant";
    }

}
