package dev.scimgateway.storage;

import dev.scimgateway.scim.protocol.list.ListPage;
import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.SortedRecord;
import dev.scimgateway.scim.schema.SchemaRegistry;
import dev.scimgateway.users.UserStore;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

final class R2dbcUserStore implements UserStore, AutoCloseable {

    private final DatabaseClient db;
    private final JsonDocs docs;
    private final FilterSql.Factory filters;
    private final ResourceTable table;
    private final WriteCoalescer<UserInsertStatement.NewUser, ResourceRecord> inserts;

    private final org.springframework.transaction.reactive.TransactionalOperator tx;

    R2dbcUserStore(DatabaseClient db, org.springframework.transaction.reactive.TransactionalOperator tx, JsonDocs docs,
            FilterSql.Factory filters, WriteCoalescer.Settings batching, tools.jackson.databind.json.JsonMapper json,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.db = db;
        this.tx = tx;
        this.docs = docs;
        this.filters = filters;
        this.table = new ResourceTable(db, docs, "scim_user", "user");
        this.inserts = new WriteCoalescer<>("user_insert", new UserInsertStatement(db, json, this::insertOne, meters),
                batching, meters);
    }

    /** Creates are coalesced into multi-row INSERTs; see {@link UserInsertStatement}. */
    @Override
    public Mono<ResourceRecord> insert(String tenantId, ResourceRecord user) {
        return inserts.submit(new UserInsertStatement.NewUser(tenantId, user));
    }

    @Override
    public void close() {
        inserts.close();
    }

    private Mono<ResourceRecord> insertOne(String tenantId, ResourceRecord user) {
        ObjectNode doc = user.attributes();
        return db.sql("INSERT INTO scim_user (tenant_id, id, user_name, external_id, display_name, active, doc,"
                        + " created_at, last_modified, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                .bind(0, tenantId)
                .bind(1, user.id())
                .bind(2, UserColumns.userName(doc))
                .bind(3, ResourceTable.nullable(UserColumns.text(doc, "externalId")))
                .bind(4, ResourceTable.nullable(UserColumns.text(doc, "displayName")))
                .bind(5, UserColumns.active(doc))
                .bind(6, docs.toJsonb(doc))
                .bind(7, user.created().atOffset(ZoneOffset.UTC))
                .bind(8, user.lastModified().atOffset(ZoneOffset.UTC))
                .bind(9, user.version())
                .then()
                .thenReturn(user)
                .onErrorMap(e -> StorageErrors.translate(e, UserColumns.userNameTaken(doc)));
    }

    @Override
    public Mono<ResourceRecord> find(String tenantId, UUID id) {
        return table.find(tenantId, id);
    }

    @Override
    public Mono<ResourceRecord> replace(String tenantId, UUID id, ObjectNode doc, @Nullable Long expectedVersion) {
        return db.sql("UPDATE scim_user r SET user_name = $3, external_id = $4, display_name = $5, active = $6, doc = $7,"
                        + " last_modified = greatest(clock_timestamp(), r.last_modified), version = r.version + 1"
                        + " WHERE r.tenant_id = $1 AND r.id = $2 AND ($8::bigint IS NULL OR r.version = $8)"
                        + " RETURNING " + ResourceTable.COLUMNS)
                .bind(0, tenantId)
                .bind(1, id)
                .bind(2, UserColumns.userName(doc))
                .bind(3, ResourceTable.nullable(UserColumns.text(doc, "externalId")))
                .bind(4, ResourceTable.nullable(UserColumns.text(doc, "displayName")))
                .bind(5, UserColumns.active(doc))
                .bind(6, docs.toJsonb(doc))
                .bind(7, ResourceTable.nullable(expectedVersion))
                .map(table::record)
                .one()
                .switchIfEmpty(Mono.defer(() -> table.explainMissedWrite(tenantId, id, expectedVersion)))
                .onErrorMap(e -> StorageErrors.translate(e, UserColumns.userNameTaken(doc)));
    }

    @Override
    public Mono<ResourceRecord> modify(String tenantId, UUID id,
            java.util.function.Function<ResourceRecord, ObjectNode> change) {
        return table.findForUpdate(tenantId, id)
                .flatMap(current -> Mono.fromCallable(() -> change.apply(current))
                        .flatMap(patched -> replace(tenantId, id, patched, current.version())))
                .as(tx::transactional)
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Boolean> delete(String tenantId, UUID id, @Nullable Long expectedVersion) {
        return table.delete(tenantId, id, expectedVersion);
    }

    @Override
    public Mono<ListPage<ResourceRecord>> list(String tenantId, ListQuery query, SchemaRegistry schemas) {
        return table.list(tenantId, query, params -> filters.users(params, schemas));
    }

    @Override
    public Flux<SortedRecord> sorted(String tenantId, ListQuery query, SchemaRegistry schemas) {
        return table.sorted(tenantId, query, params -> filters.users(params, schemas));
    }
}
