package dev.scimgateway.bulk;

import dev.scimgateway.resources.ResourceKind;
import dev.scimgateway.resources.ResourceKinds;
import dev.scimgateway.scim.protocol.JsonProperties;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.compat.EndpointNames;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@code bulkId:<id>} references (RFC 7644 §3.7.2): in a path ({@code /Groups/bulkId:g1}) or
 * anywhere in the data (a member's {@code "value": "bulkId:u1"}). Resolution replaces each with
 * the id the gateway assigned to the POST that carried that bulkId.
 */
final class BulkReferences {

    static final String PREFIX = "bulkId:";

    private BulkReferences() {}

    /** The bulkIds an operation needs resolved before it can run. */
    static Set<String> of(BulkOperation operation) {
        Set<String> found = new LinkedHashSet<>();
        String path = operation.path();
        int at = path.indexOf(PREFIX);
        if (at >= 0) {
            found.add(path.substring(at + PREFIX.length()));
        }
        if (operation.data() != null) {
            collect(operation.data(), found);
        }
        return found;
    }

    /**
     * How the operation may run (see {@link OperationPipeline}): a create of a type whose creates may
     * run side by side ({@link ResourceKind#sideBySideCreateClaim()}, users) that references no
     * bulkId needs nothing done before it (whatever references it is no such create, so it waits)
     * and claims the value of that type's unique attribute. Anything else runs in turn, as it would
     * hold a database connection each.
     */
    static OperationPipeline.Shape shape(BulkOperation operation, ResourceKinds kinds) {
        ObjectNode data = operation.data();
        String endpoint = BulkExecutor.Target.endpoint(operation.path());
        Optional<String> claimed = "POST".equals(operation.method())
                ? kinds.byEndpoint(endpoint).flatMap(ResourceKind::sideBySideCreateClaim) : Optional.empty();
        if (claimed.isEmpty() || data == null || !of(operation).isEmpty()) {
            return OperationPipeline.Shape.ALONE;
        }
        JsonNode value = JsonProperties.get(data, claimed.get());
        return new OperationPipeline.Shape(true, value != null && value.isString()
                ? endpoint + ":" + value.stringValue().toLowerCase(Locale.ROOT) : null);
    }

    private static void collect(JsonNode node, Set<String> found) {
        if (node.isString() && node.stringValue().startsWith(PREFIX)) {
            found.add(node.stringValue().substring(PREFIX.length()));
        } else if (node.isContainer()) {
            node.forEach(child -> collect(child, found));
        }
    }

    /** The operation with every reference replaced; an unknown reference is an error of this operation. */
    static BulkOperation resolve(BulkOperation operation, Map<String, String> ids) {
        String path = operation.path();
        int at = path.indexOf(PREFIX);
        if (at >= 0) {
            path = path.substring(0, at) + idOf(path.substring(at + PREFIX.length()), ids);
        }
        ObjectNode data = operation.data() == null ? null : (ObjectNode) replace(operation.data().deepCopy(), ids);
        return new BulkOperation(operation.index(), operation.method(), path, operation.bulkId(), data,
                operation.version(), operation.idempotencyKey());
    }

    private static JsonNode replace(JsonNode node, Map<String, String> ids) {
        if (node.isString() && node.stringValue().startsWith(PREFIX)) {
            return StringNode.valueOf(idOf(node.stringValue().substring(PREFIX.length()), ids));
        }
        if (node instanceof ObjectNode object) {
            for (String name : java.util.List.copyOf(object.propertyNames())) {
                object.set(name, replace(object.get(name), ids));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replace(array.get(i), ids));
            }
        }
        return node;
    }

    private static String idOf(String bulkId, Map<String, String> ids) {
        String id = ids.get(bulkId);
        if (id == null) {
            throw ScimException.conflict("bulkId '" + bulkId + "' names no operation of this request that succeeded");
        }
        return id;
    }
}
