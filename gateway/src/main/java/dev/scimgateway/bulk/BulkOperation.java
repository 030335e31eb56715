package dev.scimgateway.bulk;

import dev.scimgateway.scim.protocol.JsonProperties;
import dev.scimgateway.scim.protocol.compat.ClientQuirks;
import dev.scimgateway.scim.schema.SchemaRegistry;
import dev.scimgateway.tenancy.TenantCatalog;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One operation of a bulk request (RFC 7644 §3.7): the method, the path ({@code /Users},
 * {@code /Groups/<id>} or {@code /Groups/bulkId:<id>}), the client's bulkId for what a POST
 * creates, the data, and, in NDJSON streams, the key that makes a resumed stream skip what it did.
 */
public record BulkOperation(int index, String method, String path, @Nullable String bulkId, @Nullable ObjectNode data,
        @Nullable String version, @Nullable String idempotencyKey) {

    /** Reads one operation; a malformed one becomes an operation that fails with the reason. */
    static BulkOperation parse(JsonNode node, int index) {
        if (!node.isObject()) {
            throw BulkErrors.invalid(index, "must be an object with method, path and data");
        }
        String method = text(node, "method", index);
        String path = text(node, "path", index);
        if (method == null || !Map.of("POST", 1, "PUT", 1, "PATCH", 1, "DELETE", 1)
                .containsKey(method.toUpperCase(Locale.ROOT))) {
            throw BulkErrors.invalid(index, "'method' must be POST, PUT, PATCH or DELETE");
        }
        if (path == null || !path.startsWith("/")) {
            throw BulkErrors.invalid(index, "'path' must be a resource path such as /Users or /Groups/<id>");
        }
        JsonNode data = JsonProperties.get(node, "data");
        String upper = method.toUpperCase(Locale.ROOT);
        if (!"DELETE".equals(upper) && !(data instanceof ObjectNode)) {
            throw BulkErrors.invalid(index, upper + " needs 'data', a JSON object");
        }
        String bulkId = text(node, "bulkId", index);
        if ("POST".equals(upper) && (bulkId == null || bulkId.isBlank())) {
            throw BulkErrors.invalid(index, "POST needs a 'bulkId' (RFC 7644 §3.7)");
        }
        return new BulkOperation(index, upper, path, bulkId, data instanceof ObjectNode object ? object : null,
                text(node, "version", index), text(node, "idempotencyKey", index));
    }

    /**
     * Reads one operation with its data in strict form: the rewrite a single request's body gets
     * (see {@link ClientQuirks}), with the schemas of the resource type its path names.
     */
    static BulkOperation parse(JsonNode node, int index, TenantCatalog catalog) {
        BulkOperation operation = parse(node, index);
        ObjectNode data = operation.data();
        SchemaRegistry schemas = catalog.ofEndpoint(BulkExecutor.Target.endpoint(operation.path()));
        if (data != null && schemas != null) {
            String[] segments = operation.path().substring(1).split("/", -1);
            ClientQuirks.body(operation.method(), data, schemas, segments.length == 2 ? segments[1] : null);
        }
        return operation;
    }

    private static @Nullable String text(JsonNode node, String name, int index) {
        JsonNode value = JsonProperties.get(node, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw BulkErrors.invalid(index, "'" + name + "' must be a string");
        }
        return value.stringValue();
    }
}
