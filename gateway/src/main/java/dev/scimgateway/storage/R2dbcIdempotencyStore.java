package dev.scimgateway.storage;

import dev.scimgateway.idempotency.Claim;
import dev.scimgateway.idempotency.IdempotencyStore;
import dev.scimgateway.idempotency.StoredResponse;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

final class R2dbcIdempotencyStore implements IdempotencyStore {

    private final DatabaseClient db;
    private final JsonDocs docs;
    private final JsonMapper json;

    R2dbcIdempotencyStore(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.docs = new JsonDocs(json);
        this.json = json;
    }

    /**
     * One statement claims a free key, or takes over an expired record or an abandoned claim;
     * when it claims nothing, the holder is read and compared.
     */
    @Override
    public Mono<Claim> claim(String tenantId, String key, byte[] fingerprint, Duration retention, Duration lease) {
        Mono<Claim> acquire = db.sql("INSERT INTO idempotency_record (tenant_id, key, fingerprint, state, created_at,"
                        + " expires_at, locked_until) VALUES ($1, $2, $3, 'in_flight', now(),"
                        + " now() + make_interval(secs => $4), now() + make_interval(secs => $5))"
                        + " ON CONFLICT (tenant_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,"
                        + " state = 'in_flight', status = NULL, headers = NULL, body = NULL, created_at = now(),"
                        + " expires_at = EXCLUDED.expires_at, locked_until = EXCLUDED.locked_until"
                        + " WHERE idempotency_record.expires_at < now()"
                        + " OR (idempotency_record.state = 'in_flight' AND idempotency_record.locked_until < now())"
                        + " RETURNING 1")
                .bind(0, tenantId)
                .bind(1, key)
                .bind(2, ByteBuffer.wrap(fingerprint))
                .bind(3, (double) retention.toSeconds())
                .bind(4, (double) lease.toSeconds())
                .map(row -> (Claim) new Claim.Acquired())
                .one();
        return acquire.switchIfEmpty(Mono.defer(() -> holder(tenantId, key, fingerprint)))
                .onErrorMap(StorageErrors::translate);
    }

    private Mono<Claim> holder(String tenantId, String key, byte[] fingerprint) {
        return db.sql("SELECT fingerprint, state, status, headers, body FROM idempotency_record"
                        + " WHERE tenant_id = $1 AND key = $2")
                .bind(0, tenantId)
                .bind(1, key)
                .map(row -> decide(row, fingerprint))
                .one()
                // Deleted between the two statements (released after a 5xx): the client may simply retry.
                .defaultIfEmpty(new Claim.InFlight());
    }

    private Claim decide(Readable row, byte[] fingerprint) {
        if (!MessageDigest.isEqual(bytes(row.get("fingerprint", ByteBuffer.class)), fingerprint)) {
            return new Claim.Mismatch();
        }
        if (!"done".equals(row.get("state", String.class))) {
            return new Claim.InFlight();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ObjectNode stored = docs.read(row, "headers");
        stored.properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        Integer status = row.get("status", Integer.class);
        return new Claim.Replay(new StoredResponse(status == null ? 200 : status, headers, bytes(row.get("body",
                ByteBuffer.class))));
    }

    @Override
    public Mono<Void> complete(String tenantId, String key, StoredResponse response) {
        ObjectNode headers = json.createObjectNode();
        response.headers().forEach(headers::put);
        return db.sql("UPDATE idempotency_record SET state = 'done', status = $3, headers = $4, body = $5"
                        + " WHERE tenant_id = $1 AND key = $2")
                .bind(0, tenantId)
                .bind(1, key)
                .bind(2, response.status())
                .bind(3, docs.toJsonb(headers))
                .bind(4, ByteBuffer.wrap(response.body()))
                .then()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Void> release(String tenantId, String key) {
        return db.sql("DELETE FROM idempotency_record WHERE tenant_id = $1 AND key = $2 AND state = 'in_flight'")
                .bind(0, tenantId)
                .bind(1, key)
                .then()
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Long> purgeExpired() {
        return db.sql("DELETE FROM idempotency_record WHERE expires_at < now()")
                .fetch()
                .rowsUpdated()
                .onErrorMap(StorageErrors::translate);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
