package dev.scimgateway.storage;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.tenancy.AdminKey;
import dev.scimgateway.tenancy.SettingsChange;
import dev.scimgateway.tenancy.Tenant;
import dev.scimgateway.tenancy.TenantStore;
import dev.scimgateway.tenancy.TenantToken;
import dev.scimgateway.tenancy.TokenState;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

final class R2dbcTenantStore implements TenantStore {

    private static final String TOKEN_COLUMNS = "id, tenant_id, name, scopes, created_at, last_used_at, revoked_at, expires_at,"
            + " oauth_client_id, trusted_issuer";

    private static final String STATE_COLUMNS =
            "id, tenant_id, token_hash, revoked_at IS NOT NULL, changed_at, expires_at, scopes, name";
    private static final String KEY_COLUMNS = "id, tenant_id, name, created_at, revoked_at";

    private final DatabaseClient db;

    R2dbcTenantStore(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Tenant> createTenant(String id, String displayName) {
        return db.sql("INSERT INTO tenant (id, display_name) VALUES ($1, $2) RETURNING id, display_name, created_at")
                .bind(0, id)
                .bind(1, displayName)
                .map(R2dbcTenantStore::tenant)
                .one()
                .onErrorMap(e -> StorageErrors.translate(e, "Tenant '" + id + "' already exists"))
                .onErrorMap(ScimException.class, e -> e.status() == 409 ? ScimException.conflict(e.detail()) : e);
    }

    @Override
    public Flux<Tenant> listTenants() {
        return db.sql("SELECT id, display_name, created_at FROM tenant ORDER BY id")
                .map(R2dbcTenantStore::tenant)
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Boolean> tenantExists(String tenantId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM tenant WHERE id = $1)")
                .bind(0, tenantId)
                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<TenantToken> insertToken(String tenantId, UUID tokenId, String name, byte[] tokenHash,
            List<String> scopes, @Nullable Instant expiresAt) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("INSERT INTO tenant_token (id, tenant_id, name, token_hash,"
                        + " scopes, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + TOKEN_COLUMNS)
                .bind(0, tokenId)
                .bind(1, tenantId)
                .bind(2, name)
                .bind(3, java.nio.ByteBuffer.wrap(tokenHash))
                .bind(4, scopes.toArray(String[]::new));
        return (expiresAt == null ? insert.bindNull(5, OffsetDateTime.class) : insert.bind(5, expiresAt.atOffset(ZoneOffset.UTC)))
                .map(R2dbcTenantStore::token)
                .one()
                .onErrorMap(e -> StorageErrors.translate(e, "Tenant '" + tenantId + "' already has an active token named '"
                        + name + "'"))
                .onErrorMap(ScimException.class, e -> e.status() == 409 ? ScimException.conflict(e.detail()) : e);
    }

    @Override
    public Flux<TenantToken> listTokens(String tenantId) {
        return db.sql("SELECT " + TOKEN_COLUMNS + " FROM tenant_token WHERE tenant_id = $1 ORDER BY created_at, id")
                .bind(0, tenantId)
                .map(R2dbcTenantStore::token)
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Boolean> revokeToken(String tenantId, UUID tokenId) {
        // A trusted issuer's row revoked in the token list ends the trust with it, in the same statement.
        return db.sql("WITH revoked AS (UPDATE tenant_token SET revoked_at = now(), changed_at = clock_timestamp()"
                        + " WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id),"
                        + " trust AS (UPDATE trusted_issuer SET removed_at = now(), changed_at = clock_timestamp()"
                        + " WHERE tenant_id = $1 AND id IN (SELECT id FROM revoked) AND removed_at IS NULL RETURNING id)"
                        + " SELECT count(*) FROM revoked")
                .bind(0, tenantId)
                .bind(1, tokenId)
                .map(row -> row.get(0, Long.class))
                .one()
                .map(count -> count != null && count > 0)
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Flux<TokenState> tokensChangedSince(Instant since) {
        return db.sql("SELECT " + STATE_COLUMNS + " FROM tenant_token WHERE changed_at > $1")
                .bind(0, since.atOffset(ZoneOffset.UTC))
                .map(R2dbcTenantStore::tokenState)
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Flux<SettingsChange> settingsChangedSince(Instant since) {
        return db.sql("SELECT id, settings_changed_at FROM tenant WHERE settings_changed_at > $1")
                .bind(0, since.atOffset(ZoneOffset.UTC))
                .map(row -> new SettingsChange(row.get(0, String.class), row.get(1, OffsetDateTime.class).toInstant()))
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<TokenState> findToken(UUID tokenId) {
        return db.sql("SELECT " + STATE_COLUMNS + " FROM tenant_token WHERE id = $1")
                .bind(0, tokenId)
                .map(R2dbcTenantStore::tokenState)
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Void> recordLastUse(Map<UUID, Instant> lastUse) {
        if (lastUse.isEmpty()) {
            return Mono.empty();
        }
        UUID[] ids = lastUse.keySet().toArray(UUID[]::new);
        OffsetDateTime[] times = new OffsetDateTime[ids.length];
        for (int i = 0; i < ids.length; i++) {
            times[i] = lastUse.get(ids[i]).atOffset(ZoneOffset.UTC);
        }
        return db.sql("UPDATE tenant_token t SET last_used_at = GREATEST(t.last_used_at, u.used_at)"
                        + " FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, used_at) WHERE t.id = u.id")
                .bind(0, ids)
                .bind(1, times)
                .then()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<AdminKey> insertAdminKey(String tenantId, UUID keyId, String name, byte[] keyHash) {
        return db.sql("INSERT INTO tenant_admin_key (tenant_id, id, name, key_hash) VALUES ($1, $2, $3, $4) RETURNING "
                        + KEY_COLUMNS)
                .bind(0, tenantId)
                .bind(1, keyId)
                .bind(2, name)
                .bind(3, java.nio.ByteBuffer.wrap(keyHash))
                .map(R2dbcTenantStore::adminKey)
                .one()
                .onErrorMap(e -> StorageErrors.translate(e, "Tenant '" + tenantId + "' already has an active admin key named '"
                        + name + "'"))
                .onErrorMap(ScimException.class, e -> e.status() == 409 ? ScimException.conflict(e.detail()) : e);
    }

    @Override
    public Flux<AdminKey> listAdminKeys(String tenantId) {
        return db.sql("SELECT " + KEY_COLUMNS + " FROM tenant_admin_key WHERE tenant_id = $1 ORDER BY created_at, id")
                .bind(0, tenantId)
                .map(R2dbcTenantStore::adminKey)
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Boolean> revokeAdminKey(String tenantId, UUID keyId) {
        return db.sql("UPDATE tenant_admin_key SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL")
                .bind(0, tenantId)
                .bind(1, keyId)
                .fetch()
                .rowsUpdated()
                .map(count -> count > 0)
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<AdminKey> findActiveAdminKey(byte[] keyHash) {
        return db.sql("SELECT " + KEY_COLUMNS + " FROM tenant_admin_key WHERE key_hash = $1 AND revoked_at IS NULL")
                .bind(0, java.nio.ByteBuffer.wrap(keyHash))
                .map(R2dbcTenantStore::adminKey)
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    private static AdminKey adminKey(Readable row) {
        return new AdminKey(row.get(0, UUID.class), row.get(1, String.class), row.get(2, String.class), instant(row, 3),
                nullableInstant(row, 4));
    }

    private static Tenant tenant(Readable row) {
        return new Tenant(row.get(0, String.class), row.get(1, String.class), instant(row, 2));
    }

    private static TenantToken token(Readable row) {
        String[] scopes = row.get(3, String[].class);
        return new TenantToken(row.get(0, UUID.class), row.get(1, String.class), row.get(2, String.class),
                scopes == null ? List.of() : List.of(scopes), instant(row, 4), nullableInstant(row, 5),
                nullableInstant(row, 6), nullableInstant(row, 7), row.get(8, String.class), row.get(9, String.class));
    }

    private static TokenState tokenState(Readable row) {
        java.nio.ByteBuffer hash = row.get(2, java.nio.ByteBuffer.class);
        byte[] bytes = new byte[hash.remaining()];
        hash.get(bytes);
        String[] scopes = row.get(6, String[].class);
        return new TokenState(row.get(0, UUID.class), row.get(1, String.class), row.get(7, String.class), bytes,
                Boolean.TRUE.equals(row.get(3, Boolean.class)), instant(row, 4), nullableInstant(row, 5),
                scopes == null ? List.of() : List.of(scopes));
    }

    static Instant instant(Readable row, int index) {
        OffsetDateTime value = row.get(index, OffsetDateTime.class);
        if (value == null) {
            throw new IllegalStateException("Column " + index + " is unexpectedly null");
        }
        return value.toInstant();
    }

    static @Nullable Instant nullableInstant(Readable row, int index) {
        OffsetDateTime value = row.get(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
