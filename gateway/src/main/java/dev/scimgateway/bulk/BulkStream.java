package dev.scimgateway.bulk;

import dev.scimgateway.idempotency.Claim;
import dev.scimgateway.idempotency.IdempotencyStore;
import dev.scimgateway.idempotency.StoredResponse;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.JsonSyntaxErrors;
import dev.scimgateway.tenancy.TenantCatalog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streaming bulk, beyond the RFC: {@code POST /Bulk} with {@code Content-Type: application/x-ndjson},
 * one bulk operation per line, one result per line back, in order. Lines are read only as fast as
 * operations complete (a few at a time, see {@link OperationPipeline}), so memory stays flat however long the stream is and the database's pace
 * reaches the client's socket. An operation with an {@code idempotencyKey} is done at most once:
 * a stream resumed after a disconnect gets the stored result for the lines it already sent.
 */
public final class BulkStream {

    /** bulkIds of a stream are remembered for this many later lines; older ones can no longer be referenced. */
    private static final int REMEMBERED_BULK_IDS = 100_000;

    private final BulkExecutor executor;
    private final IdempotencyStore idempotency;
    private final JsonMapper json;
    private final Duration retention;
    private final Duration lease;
    private final OperationPipeline pipeline;

    public BulkStream(BulkExecutor executor, IdempotencyStore idempotency, JsonMapper json, Duration retention,
            Duration lease, int concurrency) {
        this.pipeline = new OperationPipeline(concurrency);
        this.executor = executor;
        this.idempotency = idempotency;
        this.json = json;
        this.retention = retention;
        this.lease = lease;
    }

    public Flux<ObjectNode> run(String tenantId, TenantCatalog catalog, String baseUrl, Flux<String> lines) {
        Map<String, String> ids = boundedMap();
        AtomicInteger index = new AtomicInteger();
        Flux<Line> parsed = lines.filter(line -> !line.isBlank())
                .map(line -> parse(line, index.getAndIncrement(), catalog));
        return pipeline.run(parsed, line -> line.operation() == null ? OperationPipeline.Shape.ALONE : BulkReferences.shape(line.operation()),
                line -> Mono.defer(() -> result(tenantId, catalog, baseUrl, line, ids))
                        .map(result -> result.json().put("index", line.index())));
    }

    /** One line of the stream: its operation, or why it is not one. */
    private record Line(int index, String text, @Nullable BulkOperation operation, @Nullable ScimException error) {}

    private Line parse(String text, int index, TenantCatalog catalog) {
        try {
            return new Line(index, text, BulkOperation.parse(tree(text, index), index, catalog), null);
        } catch (ScimException e) {
            return new Line(index, text, null, e);
        }
    }

    private Mono<BulkResult> result(String tenantId, TenantCatalog catalog, String baseUrl, Line line,
            Map<String, String> ids) {
        BulkOperation op = line.operation();
        if (op == null) {
            return Mono.just(executor.failure(new BulkOperation(line.index(), "", "", null, null, null, null),
                    Objects.requireNonNull(line.error())));
        }
        return once(tenantId, op, line.text(),
                () -> executor.run(tenantId, catalog, baseUrl, op, ids))
                .doOnNext(result -> remember(op, result, ids));
    }

    /** Runs the operation, or answers the stored result when its idempotency key was seen before. */
    private Mono<BulkResult> once(String tenantId, BulkOperation op, String line,
            java.util.function.Supplier<Mono<BulkResult>> run) {
        if (op.idempotencyKey() == null) {
            return run.get();
        }
        String key = "bulk:" + op.idempotencyKey();
        return idempotency.claim(tenantId, key, sha256(line), retention, lease).flatMap(claim -> {
            if (claim instanceof Claim.Replay replay) {
                ObjectNode stored = (ObjectNode) json.readTree(replay.response().body());
                stored.put("replayed", true);
                String location = stored.path("location").asString("");
                String id = location.isEmpty() ? null : location.substring(location.lastIndexOf('/') + 1);
                return Mono.just(new BulkResult(op.index(), stored, id, false));
            }
            if (claim instanceof Claim.InFlight) {
                return Mono.just(executor.failure(op, ScimException.conflict("An operation with this idempotencyKey"
                        + " is still being processed")));
            }
            if (claim instanceof Claim.Mismatch) {
                return Mono.just(executor.failure(op, ScimException.unprocessable("This idempotencyKey was already"
                        + " used for a different operation")));
            }
            return run.get().flatMap(result -> {
                int status = Integer.parseInt(result.json().path("status").asString("500"));
                Mono<Void> record = status >= 500 || status == 429 ? idempotency.release(tenantId, key)
                        : idempotency.complete(tenantId, key, new StoredResponse(status, Map.of(),
                                json.writeValueAsBytes(result.json())));
                return record.thenReturn(result);
            });
        });
    }

    private JsonNode tree(String line, int index) {
        try {
            return json.readTree(line);
        } catch (JacksonException e) {
            throw BulkErrors.invalid(index, JsonSyntaxErrors.describe("the line", e));
        }
    }

    private static void remember(BulkOperation op, BulkResult result, Map<String, String> ids) {
        if (!result.failed() && op.bulkId() != null && result.createdId() != null) {
            ids.put(op.bulkId(), result.createdId());
        }
    }

    private static Map<String, String> boundedMap() {
        return java.util.Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > REMEMBERED_BULK_IDS;
            }
        });
    }

    private static byte[] sha256(String line) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
