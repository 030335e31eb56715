package dev.scimgateway.storage;

import dev.scimgateway.console.ConsoleSessionStore;
import dev.scimgateway.tenancy.AdminPrincipal;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

final class R2dbcConsoleSessionStore implements ConsoleSessionStore {

    /**
     * One statement checks everything and marks the session seen: not ended, within both timeouts,
     * for a tenant admin its key still active, and for a single sign-on its tenant's single sign-on
     * still set up. So a revoked key, or single sign-on switched off, ends the sessions at the next
     * request, on every replica.
     */
    private static final String RESUME = """
            UPDATE console_session s SET last_seen_at = GREATEST(s.last_seen_at, $2)
            WHERE s.id_hash = $1 AND s.ended_at IS NULL AND s.created_at > $3 AND s.last_seen_at > $4
              AND CASE WHEN s.admin_key_id IS NOT NULL THEN EXISTS (SELECT 1 FROM tenant_admin_key k
                         WHERE k.tenant_id = s.tenant_id AND k.id = s.admin_key_id AND k.revoked_at IS NULL)
                       WHEN s.tenant_id IS NOT NULL THEN EXISTS (SELECT 1 FROM tenant_oidc o WHERE o.tenant_id = s.tenant_id)
                       ELSE true END
            RETURNING s.tenant_id, s.admin_key_id, COALESCE(s.signed_in_as,
              (SELECT k.name FROM tenant_admin_key k WHERE k.tenant_id = s.tenant_id AND k.id = s.admin_key_id))""";

    private final DatabaseClient db;

    R2dbcConsoleSessionStore(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Void> start(byte[] idHash, AdminPrincipal principal, Instant now, Instant forgetSeenBefore) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("INSERT INTO console_session (id_hash, tenant_id, admin_key_id,"
                        + " created_at, last_seen_at, signed_in_as) VALUES ($1, $2, $3, $4, $4, $5)")
                .bind(0, ByteBuffer.wrap(idHash))
                .bind(3, at(now))
                .bind(4, principal.name());
        insert = principal.tenantId() == null ? insert.bindNull(1, String.class) : insert.bind(1, principal.tenantId());
        insert = principal.keyId() == null ? insert.bindNull(2, UUID.class) : insert.bind(2, principal.keyId());
        return db.sql("DELETE FROM console_session WHERE last_seen_at < $1")
                .bind(0, at(forgetSeenBefore))
                .then()
                .then(insert.then())
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<AdminPrincipal> resume(byte[] idHash, Instant now, Instant startedAfter, Instant seenAfter) {
        return db.sql(RESUME)
                .bind(0, ByteBuffer.wrap(idHash))
                .bind(1, at(now))
                .bind(2, at(startedAfter))
                .bind(3, at(seenAfter))
                .map(R2dbcConsoleSessionStore::principal)
                .one()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Void> end(byte[] idHash) {
        return db.sql("UPDATE console_session SET ended_at = now() WHERE id_hash = $1 AND ended_at IS NULL")
                .bind(0, ByteBuffer.wrap(idHash))
                .then()
                .onErrorMap(StorageErrors::translate);
    }

    private static AdminPrincipal principal(Readable row) {
        String tenantId = row.get(0, String.class);
        if (tenantId == null) {
            return AdminPrincipal.OPERATOR;
        }
        String name = row.get(2, String.class);
        return new AdminPrincipal(tenantId, row.get(1, UUID.class), name == null ? "admin" : name);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
