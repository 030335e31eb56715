package dev.scimgateway.bulk;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.tenancy.TenantCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /Bulk} with a BulkRequest body (RFC 7644 §3.7): operations run in reference order,
 * creates side by side (see {@link OperationPipeline}), each with its own status, location and
 * error; {@code failOnErrors} stops the request after that many failures, and the operations not
 * run are left out of the response.
 */
public final class BulkService {

    public static final String REQUEST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    public static final String RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

    private final BulkExecutor executor;
    private final JsonMapper json;
    private final OperationPipeline pipeline;

    public BulkService(BulkExecutor executor, JsonMapper json, int concurrency) {
        this.executor = executor;
        this.json = json;
        this.pipeline = new OperationPipeline(concurrency);
    }

    public Mono<ObjectNode> run(String tenantId, TenantCatalog catalog, String baseUrl, BulkRequestBody body) {
        return Mono.defer(() -> {
            List<JsonNode> raw = body.operations();
            int failOnErrors = body.failOnErrors();
            List<BulkResult> results = new ArrayList<>();
            List<BulkOperation> valid = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                try {
                    valid.add(BulkOperation.parse(raw.get(i), i, catalog));
                } catch (ScimException e) {
                    results.add(executor.failure(unparsed(raw.get(i), i), e));
                }
            }
            BulkPlan plan = BulkPlan.of(valid);
            plan.circular().forEach(op -> results.add(executor.failure(op, BulkPlan.circularError())));
            AtomicInteger failures = new AtomicInteger((int) results.stream().filter(BulkResult::failed).count());
            Map<String, String> ids = new ConcurrentHashMap<>();
            // failOnErrors counts failures in order, so with it every operation waits for the one before.
            return pipeline.run(Flux.fromIterable(plan.order()),
                            op -> failOnErrors == 0 ? executor.shape(op) : OperationPipeline.Shape.ALONE,
                            op -> Mono.defer(() -> failOnErrors > 0 && failures.get() >= failOnErrors
                                    ? Mono.<BulkResult>empty()
                                    : executor.run(tenantId, catalog, baseUrl, op, ids)
                                            .doOnNext(result -> {
                                        if (result.failed()) {
                                            failures.incrementAndGet();
                                        } else if (op.bulkId() != null && result.createdId() != null) {
                                            ids.put(op.bulkId(), result.createdId());
                                        }
                                    })))
                    .collectList()
                    .map(ran -> {
                        results.addAll(ran);
                        return response(results);
                    });
        });
    }

    private ObjectNode response(List<BulkResult> results) {
        ObjectNode response = json.createObjectNode();
        response.putArray("schemas").add(RESPONSE_SCHEMA);
        ArrayNode operations = response.putArray("Operations");
        results.stream().sorted(Comparator.comparingInt(BulkResult::index)).forEach(r -> operations.add(r.json()));
        return response;
    }

    /** A placeholder for an operation too malformed to parse, so its failure can still be reported in place. */
    private static BulkOperation unparsed(JsonNode node, int index) {
        String method = node.path("method").isString() ? node.path("method").stringValue() : "";
        String bulkId = node.path("bulkId").isString() ? node.path("bulkId").stringValue() : null;
        return new BulkOperation(index, method, "", bulkId, null, null, null);
    }
}
