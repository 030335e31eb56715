package dev.scimgateway.scim.protocol.compat;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits;
import dev.scimgateway.scim.protocol.JsonProperties;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.filter.PatchPath;
import dev.scimgateway.scim.protocol.filter.PatchPathParser;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A PatchOp body in strict form: each operation's {@code op} in lower case, its {@code path} a
 * strict path, and the value of an add or replace as the attribute it writes wants it. A value
 * is matched to its attribute as the PATCH engine will match it: through the path, through each
 * key of a path-less value, through each key of a whole extension's object.
 */
final class PatchBodies {

    private PatchBodies() {}

    static void strict(ObjectNode body, AttributeTraits schemas, @Nullable String resourceId) {
        if (JsonProperties.get(body, "Operations") instanceof ArrayNode operations) {
            for (JsonNode operation : operations) {
                if (operation instanceof ObjectNode object) {
                    operation(object, schemas, resourceId);
                }
            }
        }
    }

    private static void operation(ObjectNode operation, AttributeTraits schemas, @Nullable String resourceId) {
        String pathKey = JsonProperties.key(operation, "path");
        JsonNode path = pathKey == null ? null : operation.get(pathKey);
        String pathText = null;
        if (pathKey != null && path != null && path.isString()) {
            pathText = FilterText.strict(path.stringValue());
            operation.put(pathKey, pathText);
        }
        EntraFilteredReplace.asAdd(operation, pathText);
        String op = EntraCapitalisedOps.lowerCase(operation);
        String valueKey = JsonProperties.key(operation, "value");
        if (valueKey == null || !("add".equals(op) || "replace".equals(op))) {
            return;
        }
        JsonNode value = operation.get(valueKey);
        boolean pathless = path == null || path.isNull() || (pathText != null && pathText.isBlank());
        if (pathText != null && !pathless) {
            operation.set(valueKey, written(pathText, value, schemas));
        } else if (pathless && value instanceof ObjectNode attributes) {
            if (resourceId != null) {
                OktaPathlessReplaceId.dropRepeatedId(attributes, resourceId);
            }
            keyedByPath(attributes, "", schemas);
        }
    }

    /** An object whose keys are paths, each below {@code prefix}: a path-less value, or a whole extension's. */
    private static void keyedByPath(ObjectNode object, String prefix, AttributeTraits schemas) {
        ObjectKeys.rename(object, FilterText::strict);
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            property.setValue(written(prefix + property.getKey(), property.getValue(), schemas));
        }
    }

    /** The value an add or replace writes to {@code pathText}, in strict form. */
    private static JsonNode written(String pathText, JsonNode value, AttributeTraits schemas) {
        PatchPath path;
        try {
            path = PatchPathParser.parse(pathText);
        } catch (ScimException malformed) {
            return value; // the PATCH parser refuses it with its own error
        }
        String extension = path.extensionUrn(schemas);
        if (extension != null) {
            if (value instanceof ObjectNode attributes) {
                keyedByPath(attributes, extension + ":", schemas);
            }
            return value;
        }
        AttrPath attribute = schemas.canonicalPath(path.attribute()).orElse(null);
        if (attribute == null) {
            return value;
        }
        if (path.valueFilter() != null) {
            return StringBooleans.asBooleans(attribute.withSubAttribute(path.subAttribute()), value, schemas);
        }
        JsonNode complete = attribute.subAttribute() == null
                ? EntraBareManagerId.asComplex(attribute, value, schemas) : value;
        return StringBooleans.asBooleans(attribute, complete, schemas);
    }
}
