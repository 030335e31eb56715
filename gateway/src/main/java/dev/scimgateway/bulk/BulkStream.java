package dev.scimgateway.bulk;

import dev.scimgateway.crypto.Sha256;
import dev.scimgateway.idempotency.IdempotentExecution;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.JsonSyntaxErrors;
import dev.scimgateway.scim.web.StoredResponse;
import dev.scimgateway.tenancy.TenantCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
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
    private final IdempotentExecution idempotency;
    private final JsonMapper json;
    private final OperationPipeline pipeline;

    public BulkStream(BulkExecutor executor, IdempotentExecution idempotency, JsonMapper json, int concurrency) {
        this.pipeline = new OperationPipeline(concurrency);
        this.executor = executor;
        this.idempotency = idempotency;
        this.json = json;
    }

    public Flux<ObjectNode> run(String tenantId, TenantCatalog catalog, String baseUrl, Flux<String> lines) {
        Map<String, String> ids = boundedMap();
        AtomicInteger index = new AtomicInteger();
        Flux<Line> parsed = lines.filter(line -> !line.isBlank())
                .map(line -> parse(line, index.getAndIncrement(), catalog));
        return pipeline.run(parsed, line -> line.operation() == null ? OperationPipeline.Shape.ALONE : executor.shape(line.operation()),
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
        return once(tenantId, op, line.text(), () -> executor.run(tenantId, catalog, baseUrl, op, ids),
                created -> executor.committed(tenantId, op, created, baseUrl))
                .doOnNext(result -> remember(op, result, ids));
    }

    /** Runs the operation, or answers the stored result when its idempotency key was seen before. */
    private Mono<BulkResult> once(String tenantId, BulkOperation op, String line, Supplier<Mono<BulkResult>> run,
            Function<UUID, Mono<BulkResult>> committed) {
        if (op.idempotencyKey() == null) {
            return run.get();
        }
        return idempotency.once(tenantId, "bulk:" + op.idempotencyKey(), Sha256.digest(line),
                new KeyedLine(op, run, committed));
    }

    /** One line with an idempotencyKey, as {@link IdempotentExecution} runs it; its answer is its result line. */
    private final class KeyedLine implements IdempotentExecution.Work<BulkResult> {

        private final BulkOperation op;
        private final Supplier<Mono<BulkResult>> run;
        private final Function<UUID, Mono<BulkResult>> committed;

        KeyedLine(BulkOperation op, Supplier<Mono<BulkResult>> run, Function<UUID, Mono<BulkResult>> committed) {
            this.op = op;
            this.run = run;
            this.committed = committed;
        }

        @Override
        public Mono<BulkResult> run(IdempotentExecution.Completion completion) {
            // A POST creates one resource, which may then mark the claim.
            Mono<BulkResult> result = "POST".equals(op.method()) ? completion.creating(run.get()) : run.get();
            return result.flatMap(done -> answered(done, completion));
        }

        /**
         * The first run created {@code created} and committed, then died before its result line
         * was stored: the line is that of the create, read back.
         */
        @Override
        public Mono<BulkResult> recover(UUID created, IdempotentExecution.Completion completion) {
            return committed.apply(created)
                    .flatMap(result -> answered(result, completion))
                    .map(result -> {
                        result.json().put("replayed", true);
                        return result;
                    });
        }

        private Mono<BulkResult> answered(BulkResult result, IdempotentExecution.Completion completion) {
            return completion.answered(new StoredResponse(Integer.parseInt(result.json().path("status").asString("500")),
                    Map.of(), json.writeValueAsBytes(result.json()))).thenReturn(result);
        }

        @Override
        public boolean createsOne() {
            return "POST".equals(op.method());
        }

        @Override
        public Mono<BulkResult> replay(StoredResponse first) {
            return Mono.fromCallable(() -> {
                ObjectNode stored = (ObjectNode) json.readTree(first.body());
                stored.put("replayed", true);
                String location = stored.path("location").asString("");
                String id = location.isEmpty() ? null : location.substring(location.lastIndexOf('/') + 1);
                return new BulkResult(op.index(), stored, id, false);
            });
        }

        @Override
        public Mono<BulkResult> refuse(IdempotentExecution.Refusal refusal) {
            return Mono.just(executor.failure(op, refusal == IdempotentExecution.Refusal.IN_FLIGHT
                    ? ScimException.conflict("An operation with this idempotencyKey is still being processed")
                    : ScimException.unprocessable("This idempotencyKey was already used for a different operation")));
        }
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
}
