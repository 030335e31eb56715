package dev.scimgateway.storage;

import dev.scimgateway.scim.protocol.ListPage;
import dev.scimgateway.scim.protocol.ListQuery;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.users.UserStore;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

final class R2dbcUserStore implements UserStore {

    private static final String COLUMNS = "r.id, r.doc, r.created_at, r.last_modified, r.version";

    private final DatabaseClient db;
    private final JsonDocs docs;
    private final FilterSql.Factory filters;

    R2dbcUserStore(DatabaseClient db, JsonDocs docs, FilterSql.Factory filters) {
        this.db = db;
        this.docs = docs;
        this.filters = filters;
    }

    @Override
    public Mono<ResourceRecord> insert(String tenantId, ResourceRecord user) {
        ObjectNode doc = user.attributes();
        return db.sql("INSERT INTO scim_user (tenant_id, id, user_name, external_id, display_name, active, doc,"
                        + " created_at, last_modified, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                .bind(0, tenantId)
                .bind(1, user.id())
                .bind(2, userName(doc))
                .bind(3, nullable(text(doc, "externalId")))
                .bind(4, nullable(text(doc, "displayName")))
                .bind(5, active(doc))
                .bind(6, docs.toJsonb(doc))
                .bind(7, user.created().atOffset(ZoneOffset.UTC))
                .bind(8, user.lastModified().atOffset(ZoneOffset.UTC))
                .bind(9, user.version())
                .then()
                .thenReturn(user)
                .onErrorMap(e -> StorageErrors.translate(e, userNameTaken(doc)));
    }

    @Override
    public Mono<ResourceRecord> find(String tenantId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM scim_user r WHERE r.tenant_id = $1 AND r.id = $2")
                .bind(0, tenantId)
                .bind(1, id)
                .map(this::record)
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<ResourceRecord> replace(String tenantId, UUID id, ObjectNode doc, @Nullable Long expectedVersion) {
        return db.sql("UPDATE scim_user r SET user_name = $3, external_id = $4, display_name = $5, active = $6, doc = $7,"
                        + " last_modified = greatest(clock_timestamp(), r.last_modified), version = r.version + 1"
                        + " WHERE r.tenant_id = $1 AND r.id = $2 AND ($8::bigint IS NULL OR r.version = $8)"
                        + " RETURNING " + COLUMNS)
                .bind(0, tenantId)
                .bind(1, id)
                .bind(2, userName(doc))
                .bind(3, nullable(text(doc, "externalId")))
                .bind(4, nullable(text(doc, "displayName")))
                .bind(5, active(doc))
                .bind(6, docs.toJsonb(doc))
                .bind(7, nullable(expectedVersion))
                .map(this::record)
                .one()
                .switchIfEmpty(Mono.defer(() -> explainMissedWrite(tenantId, id, expectedVersion)))
                .onErrorMap(e -> StorageErrors.translate(e, userNameTaken(doc)));
    }

    @Override
    public Mono<Boolean> delete(String tenantId, UUID id, @Nullable Long expectedVersion) {
        return db.sql("DELETE FROM scim_user WHERE tenant_id = $1 AND id = $2 AND ($3::bigint IS NULL OR version = $3)")
                .bind(0, tenantId)
                .bind(1, id)
                .bind(2, nullable(expectedVersion))
                .fetch()
                .rowsUpdated()
                .flatMap(count -> count > 0 ? Mono.just(true)
                        : explainMissedWrite(tenantId, id, expectedVersion).map(r -> true).defaultIfEmpty(false))
                .onErrorMap(StorageErrors::translate);
    }

    /** A conditional write that touched nothing: either the user is gone (empty) or its version moved on (412). */
    private Mono<ResourceRecord> explainMissedWrite(String tenantId, UUID id, @Nullable Long expectedVersion) {
        if (expectedVersion == null) {
            return Mono.empty();
        }
        return find(tenantId, id).flatMap(current -> Mono.error(ScimException.preconditionFailed(
                "The user has changed (its version is now " + current.etag() + "); read it again and retry")));
    }

    @Override
    public Mono<ListPage<ResourceRecord>> list(String tenantId, ListQuery query) {
        SqlParams params = new SqlParams(tenantId);
        String where = "r.tenant_id = $1" + filters.users(params).where(query.filter());
        Mono<Long> total = params.bindAll(db.sql("SELECT count(*) FROM scim_user r WHERE " + where))
                .map(row -> row.get(0, Long.class))
                .one();
        if (query.count() == 0) {
            return total.map(n -> new ListPage<ResourceRecord>(java.util.List.of(), n, query.startIndex()))
                    .onErrorMap(StorageErrors::translate);
        }
        String limit = params.add(query.count());
        String offset = params.add(query.offset());
        Mono<java.util.List<ResourceRecord>> page = params.bindAll(db.sql("SELECT " + COLUMNS + " FROM scim_user r WHERE "
                        + where + " ORDER BY r.created_at, r.id LIMIT " + limit + " OFFSET " + offset))
                .map(this::record)
                .all()
                .collectList();
        return Mono.zip(page, total, (rows, n) -> new ListPage<>(rows, n, query.startIndex()))
                .onErrorMap(StorageErrors::translate);
    }

    private ResourceRecord record(Readable row) {
        return new ResourceRecord(row.get("id", UUID.class), docs.read(row, "doc"),
                R2dbcTenantStore.instant(row, 2), R2dbcTenantStore.instant(row, 3), row.get("version", Long.class));
    }

    private static String userNameTaken(ObjectNode doc) {
        return "userName '" + userName(doc) + "' is already taken in this tenant (userName is case-insensitive)";
    }

    private static String userName(ObjectNode doc) {
        String userName = text(doc, "userName");
        return userName == null ? "" : userName;
    }

    private static boolean active(ObjectNode doc) {
        JsonNode active = doc.get("active");
        return active == null || !active.isBoolean() || active.booleanValue();
    }

    static @Nullable String text(ObjectNode doc, String field) {
        JsonNode node = doc.get(field);
        return node != null && node.isString() ? node.stringValue() : null;
    }

    /** R2DBC needs the type of a null; these wrap the three kinds of nullable values bound here. */
    static Object nullable(@Nullable String value) {
        return value == null ? org.springframework.r2dbc.core.Parameter.empty(String.class) : value;
    }

    static Object nullable(@Nullable Long value) {
        return value == null ? org.springframework.r2dbc.core.Parameter.empty(Long.class) : value;
    }

    static Instant now() {
        return Instant.now();
    }
}
