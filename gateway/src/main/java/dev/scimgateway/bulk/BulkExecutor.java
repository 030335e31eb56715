package dev.scimgateway.bulk;

import dev.scimgateway.groups.GroupService;
import dev.scimgateway.observability.MetersByTag;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.compat.EndpointNames;
import dev.scimgateway.scim.schema.ResourceTypeDefinition;
import dev.scimgateway.scim.schema.ResourceTypes;
import dev.scimgateway.scim.web.ResourceIds;
import dev.scimgateway.scim.web.ResourceRenderer;
import dev.scimgateway.scim.web.ScimErrorHandler;
import dev.scimgateway.tenancy.TenantCatalog;
import dev.scimgateway.users.UserService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
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

    private final UserService users;
    private final GroupService groups;
    private final ScimErrorHandler errors;
    private final JsonMapper json;
    private final MetersByTag<Outcome, Counter> outcomes;
    private final OperationPace pace;

    public BulkExecutor(UserService users, GroupService groups, ScimErrorHandler errors, JsonMapper json,
            MeterRegistry meters, OperationPace pace) {
        this.pace = pace;
        this.users = users;
        this.groups = groups;
        this.errors = errors;
        this.json = json;
        this.outcomes = new MetersByTag<>(outcome -> Counter.builder("scim.bulk.operations")
                .description("Bulk operations by method and outcome")
                .tag("method", outcome.method())
                .tag("outcome", outcome.failed() ? "failure" : "success")
                .register(meters));
    }

    /** Resolves the operation's bulkId references against {@code ids}, runs it, and answers its result. */
    Mono<BulkResult> run(String tenantId, TenantCatalog catalog, String baseUrl, BulkOperation operation,
            Map<String, String> ids) {
        // Only an operation that runs waits for the pace: a replayed stream line never gets here.
        return pace.admit(tenantId).then(Mono.fromCallable(() -> BulkReferences.resolve(operation, ids)))
                .flatMap(resolved -> Mono.defer(() -> dispatch(tenantId, catalog, resolved))
                        .map(record -> success(resolved, record, baseUrl))
                        .switchIfEmpty(Mono.fromSupplier(() -> deleted(resolved, baseUrl))))
                .onErrorResume(e -> Mono.just(failure(operation, e)))
                .doOnNext(result -> count(operation.method(), result.failed()));
    }

    BulkResult failure(BulkOperation operation, Throwable failure) {
        ScimException error = ScimErrorHandler.translate(failure);
        ObjectNode entry = entry(operation);
        entry.put("status", Integer.toString(error.status()));
        entry.set("response", errors.body(error));
        return new BulkResult(operation.index(), entry, null, true);
    }

    private Mono<ResourceRecord> dispatch(String tenantId, TenantCatalog catalog, BulkOperation operation) {
        Target target = Target.of(operation.path());
        @Nullable Long version = expectedVersion(operation.version());
        boolean isUsers = target.type() == ResourceTypes.USER;
        var schemas = isUsers ? catalog.users() : catalog.groups();
        return switch (operation.method()) {
            case "POST" -> target.id() != null ? Mono.error(ScimException.invalidPath("POST goes to /Users or /Groups"))
                    : isUsers ? users.create(tenantId, schemas, operation.data())
                    : groups.create(tenantId, schemas, operation.data());
            case "PUT" -> isUsers ? users.replace(tenantId, schemas, target.requiredId(), operation.data(), version)
                    : groups.replace(tenantId, schemas, target.requiredId(), operation.data(), version);
            case "PATCH" -> isUsers ? users.patch(tenantId, schemas, target.requiredId(), operation.data(), version)
                    : groups.patch(tenantId, schemas, target.requiredId(), operation.data(), version);
            default -> (isUsers ? users.delete(tenantId, target.requiredId(), version)
                    : groups.delete(tenantId, target.requiredId(), version)).then(Mono.<ResourceRecord>empty());
        };
    }

    private BulkResult success(BulkOperation operation, ResourceRecord record, String baseUrl) {
        ObjectNode entry = entry(operation);
        Target target = Target.of(operation.path());
        entry.put("location", ResourceRenderer.location(record, target.type(), baseUrl));
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
    record Target(ResourceTypeDefinition type, @Nullable UUID id) {

        /** The resource type's endpoint a bulk path starts with, as the router would name it ("Users"). */
        static String endpoint(String path) {
            String first = path.substring(1).split("/", 2)[0];
            return EndpointNames.canonical(first).orElse(first);
        }

        static Target of(String path) {
            String[] parts = path.substring(1).split("/", -1);
            String name = endpoint(path);
            ResourceTypeDefinition type = switch (name) {
                case "Users" -> ResourceTypes.USER;
                case "Groups" -> ResourceTypes.GROUP;
                default -> throw ScimException.invalidPath("Bulk paths are /Users, /Groups or /Users/<id>, /Groups/<id>;"
                        + " got '" + path + "'");
            };
            if (parts.length > 2) {
                throw ScimException.invalidPath("Bulk path '" + path + "' has too many segments");
            }
            return new Target(type, parts.length == 2 ? ResourceIds.parse(parts[1], type.name()) : null);
        }

        UUID requiredId() {
            if (id == null) {
                throw ScimException.invalidPath("PUT, PATCH and DELETE need a resource id in the path");
            }
            return id;
        }
    }
}
