package dev.scimgateway.storage;

import dev.scimgateway.idempotency.Claim;
import dev.scimgateway.idempotency.IdempotencyStore;
import dev.scimgateway.scim.web.StoredResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every keyed request costs a claim before it runs and a completion after; both are coalesced
 * like user creates, so that a burst of keyed requests shares their round trips instead of
 * doubling them. Claims commit without waiting for their WAL flush: a claim matters only if
 * something the request wrote after it is durable, and PostgreSQL flushes the WAL in order, so
 * flushing that write flushes the claim too; a claim lost in a crash belonged to a request that
 * left nothing behind, whose retry may run again. The stored response is written durably.
 *
 * <p>A keyed create also marks its claim with the new resource's id, in the statement that
 * creates it ({@link CreationKeys}): a create that committed is never without its claim's
 * answer, even when its gateway died before the stored response was written.
 */
final class R2dbcIdempotencyStore implements IdempotencyStore, AutoCloseable {

    private record ClaimWrite(String tenantId, String key, byte[] fingerprint, Duration retention, Duration lease) {}

    private record Completion(String tenantId, String key, StoredResponse response, boolean recoverable) {}

    /**
     * Claims free keys, and takes over expired records and abandoned claims (but not one whose
     * create committed: see {@link Claim.Committed}); a key it does not return is held by someone else. {@code set_config(…, true)} turns off the wait for the WAL
     * flush for this statement's own transaction only (see the class comment); being part of the
     * statement, it costs no round trip and works through transaction-pooling proxies.
     */
    private static final String CLAIM = "INSERT INTO idempotency_record (tenant_id, key, fingerprint, state, created_at,"
            + " expires_at, locked_until)"
            + " SELECT t, k, decode(f, 'hex'), 'in_flight', now(), now() + make_interval(secs => r),"
            + " now() + make_interval(secs => l)"
            + " FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[]) AS x(t, k, f, r, l),"
            + " (SELECT set_config('synchronous_commit', 'off', true)) AS unflushed"
            + " ON CONFLICT (tenant_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,"
            + " state = 'in_flight', status = NULL, headers = NULL, body = NULL, resource_id = NULL, created_at = now(),"
            + " expires_at = EXCLUDED.expires_at, locked_until = EXCLUDED.locked_until"
            + " WHERE idempotency_record.expires_at < now()"
            + " OR (idempotency_record.state = 'in_flight' AND idempotency_record.locked_until < now()"
            + " AND idempotency_record.resource_id IS NULL)"
            + " RETURNING tenant_id, key";

    /**
     * $6 turns off the wait for the WAL flush when every answer in the batch is recoverable (see
     * {@link IdempotencyStore#complete}), as the claim does.
     */
    private static final String COMPLETE = "UPDATE idempotency_record r SET state = 'done', status = x.s,"
            + " headers = x.h::jsonb, body = decode(x.b, 'base64')"
            + " FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[]) AS x(t, k, s, h, b),"
            + " (SELECT CASE WHEN $6::boolean THEN set_config('synchronous_commit', 'off', true) END) AS flush"
            + " WHERE r.tenant_id = x.t AND r.key = x.k";

    /** The answer of a run that never claimed its key; a key someone holds by now keeps its record. */
    private static final String ANSWER = "INSERT INTO idempotency_record (tenant_id, key, fingerprint, state, status,"
            + " headers, body, created_at, expires_at, locked_until) VALUES ($1, $2, $3, 'done', $4, $5::jsonb, $6,"
            + " now(), now() + make_interval(secs => $7), now()) ON CONFLICT (tenant_id, key) DO NOTHING";

    private final DatabaseClient db;
    private final JsonDocs docs;
    private final JsonMapper json;
    private final Coalescer<ClaimWrite, Claim> claims;
    private final Coalescer<Completion, Void> completions;

    R2dbcIdempotencyStore(DatabaseClient db, JsonMapper json, Coalescer.Settings coalescing, MeterRegistry meters) {
        this.db = db;
        this.docs = new JsonDocs(json);
        this.json = json;
        this.claims = new Coalescer<>(Coalescer.Work.WRITES, "idempotency_claim", FailingTogether.onOutage(this::claimAll),
                ClaimWrite::tenantId, coalescing, meters);
        this.completions = new Coalescer<>(Coalescer.Work.WRITES, "idempotency_complete", FailingTogether.onOutage(this::completeAll),
                Completion::tenantId, coalescing, meters);
    }

    @Override
    public Mono<Claim> claim(String tenantId, String key, byte[] fingerprint, Duration retention, Duration lease) {
        return claims.submit(new ClaimWrite(tenantId, key, fingerprint, retention, lease))
                .onErrorMap(StorageErrors::translate);
    }

    /**
     * One statement claims what it can. A key it did not claim is held: its holder is read and
     * compared. A key twice in one batch is claimed once (PostgreSQL refuses to update one row
     * twice in a statement); the second finds the first holding it.
     */
    private Mono<List<Coalescer.Outcome<Claim>>> claimAll(List<ClaimWrite> writes) {
        Set<String> distinct = new HashSet<>();
        List<ClaimWrite> sent = new ArrayList<>(writes.size());
        for (ClaimWrite write : writes) {
            if (distinct.add(identity(write.tenantId(), write.key()))) {
                sent.add(write);
            }
        }
        HexFormat hex = HexFormat.of();
        return db.sql(CLAIM)
                .bind(0, sent.stream().map(ClaimWrite::tenantId).toArray(String[]::new))
                .bind(1, sent.stream().map(ClaimWrite::key).toArray(String[]::new))
                .bind(2, sent.stream().map(w -> hex.formatHex(w.fingerprint())).toArray(String[]::new))
                .bind(3, sent.stream().map(w -> (double) w.retention().toSeconds()).toArray(Double[]::new))
                .bind(4, sent.stream().map(w -> (double) w.lease().toSeconds()).toArray(Double[]::new))
                .map(row -> identity(row.get("tenant_id", String.class), row.get("key", String.class)))
                .all()
                .collect(HashSet<String>::new, Set::add)
                .flatMap(claimed -> {
                    // In input order, so that of two writes of one key only the first takes the claim.
                    boolean[] acquired = new boolean[writes.size()];
                    List<ClaimWrite> held = new ArrayList<>();
                    for (int i = 0; i < writes.size(); i++) {
                        acquired[i] = claimed.remove(identity(writes.get(i).tenantId(), writes.get(i).key()));
                        if (!acquired[i]) {
                            held.add(writes.get(i));
                        }
                    }
                    return holders(held).map(rows -> {
                        List<Coalescer.Outcome<Claim>> outcomes = new ArrayList<>(writes.size());
                        for (int i = 0; i < writes.size(); i++) {
                            ClaimWrite write = writes.get(i);
                            RowView row = acquired[i] ? null : rows.get(identity(write.tenantId(), write.key()));
                            // A key gone since the claim was released after a 5xx: the client may simply retry.
                            outcomes.add(Coalescer.Outcome.of(acquired[i] ? new Claim.Acquired()
                                    : row == null ? new Claim.InFlight() : row.decide(write.fingerprint())));
                        }
                        return outcomes;
                    });
                });
    }

    /** What holds the keys the claim did not get, read in one statement (none when it got them all). */
    private Mono<Map<String, RowView>> holders(List<ClaimWrite> held) {
        if (held.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT r.tenant_id, r.key, r.fingerprint, r.state, r.status, r.headers, r.body, r.resource_id"
                        + " FROM idempotency_record r JOIN unnest($1::text[], $2::text[]) AS x(t, k)"
                        + " ON r.tenant_id = x.t AND r.key = x.k")
                .bind(0, held.stream().map(ClaimWrite::tenantId).toArray(String[]::new))
                .bind(1, held.stream().map(ClaimWrite::key).toArray(String[]::new))
                .map(row -> Map.entry(identity(row.get("tenant_id", String.class), row.get("key", String.class)),
                        view(row)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static String identity(String tenantId, String key) {
        return tenantId + '\n' + key;
    }

    /** The stored record of a held key, read once and then compared with each claimant's fingerprint. */
    private record RowView(byte[] fingerprint, @Nullable StoredResponse response, @Nullable UUID created) {

        Claim decide(byte[] claimant) {
            if (!MessageDigest.isEqual(fingerprint, claimant)) {
                return new Claim.Mismatch();
            }
            return response != null ? new Claim.Replay(response)
                    : created != null ? new Claim.Committed(created) : new Claim.InFlight();
        }
    }

    private RowView view(Readable row) {
        byte[] fingerprint = bytes(row.get("fingerprint", ByteBuffer.class));
        if (!"done".equals(row.get("state", String.class))) {
            return new RowView(fingerprint, null, row.get("resource_id", UUID.class));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ObjectNode stored = docs.read(row, "headers");
        stored.properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        Integer status = row.get("status", Integer.class);
        return new RowView(fingerprint, new StoredResponse(status == null ? 200 : status, headers,
                bytes(row.get("body", ByteBuffer.class))), null);
    }

    @Override
    public Mono<Void> complete(String tenantId, String key, StoredResponse response, boolean recoverable) {
        return completions.submit(new Completion(tenantId, key, response, recoverable))
                .onErrorMap(StorageErrors::translate);
    }

    private Mono<List<Coalescer.Outcome<Void>>> completeAll(List<Completion> writes) {
        Base64.Encoder base64 = Base64.getEncoder();
        return db.sql(COMPLETE)
                .bind(0, writes.stream().map(Completion::tenantId).toArray(String[]::new))
                .bind(1, writes.stream().map(Completion::key).toArray(String[]::new))
                .bind(2, writes.stream().map(w -> w.response().status()).toArray(Integer[]::new))
                .bind(3, writes.stream().map(w -> headers(w.response())).toArray(String[]::new))
                .bind(4, writes.stream().map(w -> base64.encodeToString(w.response().body())).toArray(String[]::new))
                .bind(5, writes.stream().allMatch(Completion::recoverable))
                .then()
                .then(Mono.fromSupplier(() -> writes.stream().map(w -> Coalescer.Outcome.<Void>done()).toList()));
    }

    private String headers(StoredResponse response) {
        return json.writeValueAsString(response.headers());
    }

    @Override
    public Mono<Boolean> answer(String tenantId, String key, byte[] fingerprint, Duration retention,
            StoredResponse response) {
        return db.sql(ANSWER)
                .bind(0, tenantId)
                .bind(1, key)
                .bind(2, ByteBuffer.wrap(fingerprint))
                .bind(3, response.status())
                .bind(4, headers(response))
                .bind(5, ByteBuffer.wrap(response.body()))
                .bind(6, (double) retention.toSeconds())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0)
                .onErrorMap(StorageErrors::translate);
    }

    @Override
    public Mono<Void> release(String tenantId, String key) {
        return db.sql("DELETE FROM idempotency_record WHERE tenant_id = $1 AND key = $2 AND state = 'in_flight'"
                        + " AND resource_id IS NULL")
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

    @Override
    public void close() {
        claims.close();
        completions.close();
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
