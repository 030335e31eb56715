package dev.scimgateway.scim.protocol.patch;

import dev.scimgateway.scim.protocol.JsonProperties;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.filter.PatchPath;
import dev.scimgateway.scim.protocol.filter.PatchPathParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A parsed PATCH body: its operations in order, each checked for shape. */
public record PatchRequest(List<PatchOperation> operations) {

    public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final int MAX_OPERATIONS = 10_000;

    public static PatchRequest parse(ObjectNode body) {
        JsonNode operations = JsonProperties.get(body, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.invalidSyntax("A PATCH body needs a non-empty 'Operations' array (schema " + SCHEMA + ")");
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw ScimException.tooMany("A PATCH may hold at most " + MAX_OPERATIONS + " operations");
        }
        List<PatchOperation> parsed = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            parsed.add(operation(operations.get(i), i));
        }
        return new PatchRequest(List.copyOf(parsed));
    }

    private static PatchOperation operation(JsonNode node, int index) {
        String where = "Operations[" + index + "]";
        if (!node.isObject()) {
            throw ScimException.invalidSyntax(where + " must be an object with 'op', 'path' and 'value'");
        }
        JsonNode opNode = JsonProperties.get(node, "op");
        PatchOperation.Op op = opNode != null && opNode.isString() ? PatchOperation.Op.fromWire(opNode.stringValue()) : null;
        if (op == null) {
            throw ScimException.invalidSyntax(where + ".op must be \"add\", \"remove\" or \"replace\", got " + opNode);
        }
        PatchPath path = path(JsonProperties.get(node, "path"), where);
        JsonNode value = JsonProperties.get(node, "value");
        if (op != PatchOperation.Op.REMOVE && (value == null || value.isMissingNode())) {
            throw ScimException.invalidSyntax(where + " (" + op.name().toLowerCase() + ") needs a 'value'");
        }
        if (op == PatchOperation.Op.REMOVE && path == null) {
            throw ScimException.noTarget(where + ": 'remove' needs a 'path' naming what to remove");
        }
        if (path == null && (value == null || !value.isObject())) {
            throw ScimException.invalidSyntax(where + ": without a 'path', 'value' must be an object of attributes");
        }
        return new PatchOperation(op, path, value);
    }

    private static @Nullable PatchPath path(@Nullable JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw ScimException.invalidPath(where + ".path must be a string");
        }
        if (node.stringValue().isBlank()) {
            return null;
        }
        return PatchPathParser.parse(node.stringValue());
    }
}
