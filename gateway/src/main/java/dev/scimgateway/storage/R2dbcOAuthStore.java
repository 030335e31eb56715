package dev.scimgateway.storage;

import dev.scimgateway.oauth.OAuthClient;
import dev.scimgateway.oauth.OAuthStore;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The authorization server's tables. Each change that must hold together is one statement: a
 * client with its client_credentials grant, a client's deletion with the revocation of its grants,
 * a code's or refresh token's use with the answer whether it was the first.
 */
final class R2dbcOAuthStore implements OAuthStore {

    private static final String CLIENT_COLUMNS =
            "client_id, tenant_id, name, secret_hash, redirect_uris, grant_types, credentials_grant_id, created_at";
    private static final String CODE_COLUMNS =
            "tenant_id, code_hash, client_id, grant_id, redirect_uri, code_challenge, scopes, offline, expires_at";

    private final DatabaseClient db;

    R2dbcOAuthStore(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<OAuthClient> insertClient(OAuthClient client) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("WITH credentials_grant AS ("
                        + " INSERT INTO tenant_token (id, tenant_id, name, token_hash, scopes, oauth_client_id)"
                        + " SELECT $7, $2, $3, ''::bytea, '{scim}', $1 WHERE $7::uuid IS NOT NULL)"
                        + " INSERT INTO oauth_client (client_id, tenant_id, name, secret_hash, redirect_uris, grant_types,"
                        + " credentials_grant_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + CLIENT_COLUMNS)
                .bind(0, client.clientId());
        insert = client.tenantId() == null ? insert.bindNull(1, String.class) : insert.bind(1, client.tenantId());
        insert = insert.bind(2, client.name())
                .bind(3, ByteBuffer.wrap(client.secretHash()))
                .bind(4, client.redirectUris().toArray(String[]::new))
                .bind(5, client.grantTypes().toArray(String[]::new));
        insert = client.credentialsGrantId() == null ? insert.bindNull(6, UUID.class) : insert.bind(6, client.credentialsGrantId());
        return insert.map(R2dbcOAuthStore::client).one().onErrorMap(StorageErrors::translate);
    }

    @Override
    public Flux<OAuthClient> listClients(@Nullable String tenantId) {
        return (tenantId == null
                ? db.sql("SELECT " + CLIENT_COLUMNS + " FROM oauth_client WHERE tenant_id IS NULL ORDER BY created_at, client_id")
                : db.sql("SELECT " + CLIENT_COLUMNS + " FROM oauth_client WHERE tenant_id = $1 ORDER BY created_at, client_id")
                        .bind(0, tenantId))
                .map(R2dbcOAuthStore::client)
                .all()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<OAuthClient> findClient(String clientId) {
        return db.sql("SELECT " + CLIENT_COLUMNS + " FROM oauth_client WHERE client_id = $1")
                .bind(0, clientId)
                .map(R2dbcOAuthStore::client)
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Boolean> deleteClient(@Nullable String tenantId, String clientId) {
        DatabaseClient.GenericExecuteSpec delete = db.sql("WITH gone AS ("
                        + " DELETE FROM oauth_client WHERE client_id = $1 AND tenant_id IS NOT DISTINCT FROM $2 RETURNING client_id),"
                        + " revoked AS (UPDATE tenant_token SET revoked_at = now(), changed_at = clock_timestamp()"
                        + " WHERE oauth_client_id IN (SELECT client_id FROM gone) AND revoked_at IS NULL RETURNING id)"
                        + " SELECT count(*) FROM gone")
                .bind(0, clientId);
        return (tenantId == null ? delete.bindNull(1, String.class) : delete.bind(1, tenantId))
                .map(row -> row.get(0, Long.class))
                .one()
                .map(count -> count != null && count > 0)
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Void> insertGrant(String tenantId, UUID grantId, String clientId, String name, List<String> scopes) {
        return db.sql("INSERT INTO tenant_token (id, tenant_id, name, token_hash, scopes, oauth_client_id)"
                        + " VALUES ($1, $2, $3, ''::bytea, $4, $5)")
                .bind(0, grantId)
                .bind(1, tenantId)
                .bind(2, name)
                .bind(3, scopes.toArray(String[]::new))
                .bind(4, clientId)
                .then()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Void> insertCode(Code code) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("INSERT INTO oauth_code (" + CODE_COLUMNS
                        + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .bind(0, code.tenantId())
                .bind(1, ByteBuffer.wrap(code.codeHash()))
                .bind(2, code.clientId())
                .bind(3, code.grantId())
                .bind(4, code.redirectUri());
        insert = code.codeChallenge() == null ? insert.bindNull(5, String.class) : insert.bind(5, code.codeChallenge());
        return insert.bind(6, code.scopes().toArray(String[]::new))
                .bind(7, code.offline())
                .bind(8, code.expiresAt().atOffset(ZoneOffset.UTC))
                .then()
                .onErrorMap(StorageErrors::translate);
    }

    /**
     * The row is locked before it is marked, so that of two uses at once the second waits and then
     * sees the first's mark: exactly one of them is the first use.
     */
    @Override
    public Mono<Redemption> redeemCode(String tenantId, byte[] codeHash) {
        return db.sql("WITH before AS (SELECT used_at FROM oauth_code WHERE tenant_id = $1 AND code_hash = $2 FOR UPDATE)"
                        + " UPDATE oauth_code c SET used_at = COALESCE(c.used_at, now()) FROM before"
                        + " WHERE c.tenant_id = $1 AND c.code_hash = $2"
                        + " RETURNING c.tenant_id, c.code_hash, c.client_id, c.grant_id, c.redirect_uri, c.code_challenge,"
                        + " c.scopes, c.offline, c.expires_at, before.used_at IS NULL")
                .bind(0, tenantId)
                .bind(1, ByteBuffer.wrap(codeHash))
                .map(row -> new Redemption(code(row), Boolean.TRUE.equals(row.get(9, Boolean.class))))
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Void> insertRefreshToken(String tenantId, byte[] tokenHash, UUID grantId, String clientId) {
        return db.sql("INSERT INTO oauth_refresh_token (tenant_id, token_hash, grant_id, client_id) VALUES ($1, $2, $3, $4)")
                .bind(0, tenantId)
                .bind(1, ByteBuffer.wrap(tokenHash))
                .bind(2, grantId)
                .bind(3, clientId)
                .then()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<RefreshUse> useRefreshToken(String tenantId, byte[] tokenHash, String clientId) {
        return db.sql("WITH before AS (SELECT used_at FROM oauth_refresh_token"
                        + " WHERE tenant_id = $1 AND token_hash = $2 AND client_id = $3 FOR UPDATE)"
                        + " UPDATE oauth_refresh_token r SET used_at = COALESCE(r.used_at, now()) FROM before"
                        + " WHERE r.tenant_id = $1 AND r.token_hash = $2"
                        + " RETURNING r.grant_id, before.used_at IS NULL")
                .bind(0, tenantId)
                .bind(1, ByteBuffer.wrap(tokenHash))
                .bind(2, clientId)
                .map(row -> new RefreshUse(row.get(0, UUID.class), Boolean.TRUE.equals(row.get(1, Boolean.class))))
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<UUID> refreshTokenGrant(String tenantId, byte[] tokenHash, String clientId) {
        return db.sql("SELECT grant_id FROM oauth_refresh_token WHERE tenant_id = $1 AND token_hash = $2 AND client_id = $3")
                .bind(0, tenantId)
                .bind(1, ByteBuffer.wrap(tokenHash))
                .bind(2, clientId)
                .map(row -> row.get(0, UUID.class))
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Long> deleteExpiredCodes(Instant expiredBefore) {
        return db.sql("DELETE FROM oauth_code WHERE expires_at < $1")
                .bind(0, expiredBefore.atOffset(ZoneOffset.UTC))
                .fetch()
                .rowsUpdated()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Long> deleteSpentRefreshTokens(Instant spentBefore) {
        return db.sql("DELETE FROM oauth_refresh_token r WHERE r.used_at < $1 OR EXISTS (SELECT FROM tenant_token t"
                        + " WHERE t.tenant_id = r.tenant_id AND t.id = r.grant_id AND t.revoked_at < $1)")
                .bind(0, spentBefore.atOffset(ZoneOffset.UTC))
                .fetch()
                .rowsUpdated()
                .onErrorMap(StorageErrors::translate);
    }

    private static OAuthClient client(Readable row) {
        String[] uris = row.get(4, String[].class);
        String[] types = row.get(5, String[].class);
        return new OAuthClient(row.get(0, String.class), row.get(1, String.class), row.get(2, String.class),
                bytes(row, 3), uris == null ? List.of() : List.of(uris), types == null ? List.of() : List.of(types),
                row.get(6, UUID.class), R2dbcTenantStore.instant(row, 7));
    }

    private static Code code(Readable row) {
        String[] scopes = row.get(6, String[].class);
        return new Code(row.get(0, String.class), bytes(row, 1), row.get(2, String.class), row.get(3, UUID.class),
                row.get(4, String.class), row.get(5, String.class), scopes == null ? List.of() : List.of(scopes),
                Boolean.TRUE.equals(row.get(7, Boolean.class)), R2dbcTenantStore.instant(row, 8));
    }

    private static byte[] bytes(Readable row, int index) {
        ByteBuffer buffer = row.get(index, ByteBuffer.class);
        if (buffer == null) {
            return new byte[0];
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
