package dev.scimgateway.storage;

import dev.scimgateway.tenancy.TenantSchemaStore;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

final class R2dbcTenantSchemaStore implements TenantSchemaStore {

    private final DatabaseClient db;
    private final JsonDocs docs;

    R2dbcTenantSchemaStore(DatabaseClient db, JsonDocs docs) {
        this.db = db;
        this.docs = docs;
    }

    /** xmax = 0 tells a fresh insert from the update of an existing row in one statement. */
    @Override
    public Mono<Boolean> put(String tenantId, String urn, String resourceType, ObjectNode definition) {
        return db.sql("WITH written AS (INSERT INTO tenant_schema (tenant_id, id, resource_type, definition)"
                        + " VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, lower(id)) DO UPDATE SET"
                        + " resource_type = EXCLUDED.resource_type, definition = EXCLUDED.definition"
                        + " RETURNING (xmax = 0) AS created),"
                        + " marked AS (" + TenantSettings.markedIfAny("written") + ")"
                        + " SELECT created FROM written")
                .bind(0, tenantId)
                .bind(1, urn)
                .bind(2, resourceType)
                .bind(3, docs.toJsonb(definition))
                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Flux<ObjectNode> list(String tenantId) {
        return db.sql("SELECT definition FROM tenant_schema WHERE tenant_id = $1 ORDER BY created_at, id")
                .bind(0, tenantId)
                .map(row -> docs.read(row, "definition"))
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Boolean> delete(String tenantId, String urn) {
        return db.sql("WITH gone AS (DELETE FROM tenant_schema WHERE tenant_id = $1 AND lower(id) = lower($2)"
                        + " RETURNING 1), marked AS (" + TenantSettings.markedIfAny("gone") + ")"
                        + " SELECT count(*) FROM gone")
                .bind(0, tenantId)
                .bind(1, urn)
                .map(row -> row.get(0, Long.class))
                .one()
                .map(count -> count > 0)
                .onErrorMap(StorageErrors::translate);
    }
}
