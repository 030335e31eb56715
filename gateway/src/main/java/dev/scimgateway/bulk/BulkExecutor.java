package dev.scimgateway.bulk;

import dev.scimgateway.events.ChangeOrigin;
import dev.scimgateway.events.RefusedOperations;
import dev.scimgateway.idempotency.KeyHeld;
import dev.scimgateway.observability.MetersByTag;
import dev.scimgateway.resources.ResourceKind;
import dev.scimgateway.resources.ResourceKinds;
import dev.scimgateway.resources.ResourceService;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.compat.EndpointNames;
import dev.scimgateway.scim.web.ResourceIds;
import dev.scimgateway.scim.web.ResourceRenderer;
import dev.scimgateway.scim.web.ScimErrorHandler;
import dev.scimgateway.tenancy.TenantCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one bulk operation through the same services as a single request, so every rule (schema,
 * tenant isolation, membership, versions) is the same. A failure becomes that operation's result.
 */
public final class BulkExecutor {

    private final ResourceService resources;
    private final ResourceKinds kinds;
    /** What bulk paths may name, for the messages that refuse others: "/Users, /Groups or /Users/<id>, /Groups/<id>". */
    private final String paths;
    private final String collections;
    private final ScimErrorHandler errors;
    private final JsonMapper json;
    private final MetersByTag<Outcome, Counter> outcomes;
    private final OperationPace pace;
    private final RefusedOperations refusals;

    public BulkExecutor(ResourceService resources, ResourceKinds kinds, ScimErrorHandler errors, JsonMapper json,
            MeterRegistry meters, OperationPace pace, RefusedOperations refusals) {
        this.pace = pace;
        this.refusals = refusals;
        this.resources = resources;
        this.kinds = kinds;
        List<String> endpoints = kinds.all().stream().map(kind -> kind.definition().endpoint()).toList();
        this.collections = String.join(" or ", endpoints);
        this.paths = String.join(", ", endpoints) + " or "
                + endpoints.stream().map(endpoint -> endpoint + "/<id>").collect(Collectors.joining(", "));
        this.errors = errors;
        this.json = json;
        this.outcomes = new MetersByTag<>(outcome -> Counter.builder("scim.bulk.operations")
                .description("Bulk operations by method and outcome")
                .tag("method", outcome.method())
                .tag("outcome", outcome.failed() ? "failure" : "success")
                .register(meters));
    }

    /**
     * Resolves the operation's bulkId references against {@code ids}, runs it, and answers its
     * result; its change, or its failure, is logged as this operation of the request.
     */
    Mono<BulkResult> run(String tenantId, TenantCatalog catalog, String baseUrl, BulkOperation operation,
            Map<String, String> ids) {
        // Only an operation that runs waits for the pace: a replayed stream line never gets here.
        return pace.admit(tenantId).then(Mono.fromCallable(() -> BulkReferences.resolve(operation, ids)))
                .flatMap(resolved -> Mono.defer(() -> dispatch(tenantId, catalog, resolved))
                        .contextWrite(ChangeOrigin.atOperation(operation.bulkId(), operation.index()))
                        .map(record -> success(resolved, record, baseUrl))
                        .switchIfEmpty(Mono.fromSupplier(() -> deleted(resolved, baseUrl))))
                // A key found taken is no result: the line runs again on a claim.
                .onErrorResume(e -> !(e instanceof KeyHeld), e -> Mono.deferContextual(context -> {
                    ScimException error = ScimErrorHandler.translate(e);
                    refusals.refused(tenantId, ChangeOrigin.of(context).operation(operation.bulkId(), operation.index()),
                            operation.method(), operation.path(), error);
                    return Mono.just(failure(operation, error));
                }))
                .doOnNext(result -> count(operation.method(), result.failed()));
    }

    /**
     * The result of a create that committed but whose result was never stored: the resource as it
     * reads now, answered as its create was (a failure line if it is gone since).
     */
    Mono<BulkResult> committed(String tenantId, BulkOperation operation, UUID created, String baseUrl) {
        return Mono.defer(() -> resources.get(target(operation.path()).kind(), tenantId, created, false))
                .map(view -> success(operation, view.record(), baseUrl))
                .onErrorResume(e -> Mono.just(failure(operation, e)));
    }

    BulkResult failure(BulkOperation operation, Throwable failure) {
        ScimException error = ScimErrorHandler.translate(failure);
        ObjectNode entry = entry(operation);
        entry.put("status", Integer.toString(error.status()));
        entry.set("response", errors.body(error));
        return new BulkResult(operation.index(), entry, null, true);
    }

    private Mono<ResourceRecord> dispatch(String tenantId, TenantCatalog catalog, BulkOperation operation) {
        Target target = target(operation.path());
        ResourceKind kind = target.kind();
        @Nullable Long version = expectedVersion(operation.version());
        var schemas = kind.schemas(catalog);
        return switch (operation.method()) {
            case "POST" -> target.id() != null ? Mono.error(ScimException.invalidPath("POST goes to " + collections))
                    : resources.create(kind, tenantId, schemas, operation.data());
            case "PUT" -> resources.replace(kind, tenantId, schemas, target.requiredId(), operation.data(), version);
            case "PATCH" -> resources.patch(kind, tenantId, schemas, target.requiredId(), operation.data(), version);
            default -> resources.delete(kind, tenantId, target.requiredId(), version).then(Mono.<ResourceRecord>empty());
        };
    }

    private BulkResult success(BulkOperation operation, ResourceRecord record, String baseUrl) {
        ObjectNode entry = entry(operation);
        entry.put("location", ResourceRenderer.location(record, target(operation.path()).kind().definition(), baseUrl));
        entry.put("version", record.etag());
        entry.put("status", "POST".equals(operation.method()) ? "201" : "200");
        return new BulkResult(operation.index(), entry, record.id().toString(), false);
    }

    /** A DELETE answers no record; it still succeeded. */
    BulkResult deleted(BulkOperation operation, String baseUrl) {
        ObjectNode entry = entry(operation);
        entry.put("location", baseUrl + operation.path());
        entry.put("status", "204");
        return new BulkResult(operation.index(), entry, null, false);
    }

    private ObjectNode entry(BulkOperation operation) {
        ObjectNode entry = json.createObjectNode();
        entry.put("method", operation.method());
        if (operation.bulkId() != null) {
            entry.put("bulkId", operation.bulkId());
        }
        return entry;
    }

    private record Outcome(String method, boolean failed) {}

    private void count(String method, boolean failed) {
        outcomes.of(new Outcome(method, failed)).increment();
    }

    private static @Nullable Long expectedVersion(@Nullable String version) {
        if (version == null || version.isBlank()) {
            return null;
        }
        String tag = version.startsWith("W/") ? version.substring(2) : version;
        try {
            return Long.parseLong(tag.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw ScimException.preconditionFailed("'version' " + version + " is not an ETag of this gateway");
        }
    }

    /** The resource type and id a bulk path names. */
    private Target target(String path) {
        String[] parts = path.substring(1).split("/", -1);
        ResourceKind kind = kinds.byEndpoint(Target.endpoint(path)).orElseThrow(() -> ScimException.invalidPath(
                "Bulk paths are " + paths + "; got '" + path + "'"));
        if (parts.length > 2) {
            throw ScimException.invalidPath("Bulk path '" + path + "' has too many segments");
        }
        return new Target(kind, parts.length == 2 ? ResourceIds.parse(parts[1], kind.definition().name()) : null);
    }

    /** The resource type and id a bulk path names. */
    /** How the operation may run beside others; see {@link BulkReferences#shape}. */
    OperationPipeline.Shape shape(BulkOperation operation) {
        return BulkReferences.shape(operation, kinds);
    }

    record Target(ResourceKind kind, @Nullable UUID id) {

        /** The resource type's endpoint a bulk path starts with, as the router would name it ("Users"). */
        static String endpoint(String path) {
            String first = path.substring(1).split("/", 2)[0];
            return EndpointNames.canonical(first).orElse(first);
        }

        UUID requiredId() {
            if (id == null) {
                throw ScimException.invalidPath("PUT, PATCH and DELETE need a resource id in the path");
            }
            return id;
        }
    }
}
