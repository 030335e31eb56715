package dev.scimgateway.scim.schema;

import dev.scimgateway.scim.protocol.ScimException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks one attribute value against its definition and returns a new, normalized value:
 * canonical sub-attribute names, coerced scalars, single values of plural attributes wrapped in
 * an array. Nulls, unknown and readOnly sub-attributes disappear (RFC 7644 §3.5.1 lets servers
 * ignore what clients may not set).
 */
final class ValueNormalizer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ValueNormalizer() {
    }

    /** The normalized value, or null when nothing is left of it (JSON null, empty object). */
    static @Nullable JsonNode attribute(AttributeDefinition definition, JsonNode value, String path) {
        if (value.isNull() || value.isMissingNode()) {
            return null;
        }
        return definition.multiValued() ? plural(definition, value, path) : single(definition, value, path);
    }

    private static ArrayNode plural(AttributeDefinition definition, JsonNode value, String path) {
        ArrayNode out = NODES.arrayNode();
        // A lone object where an array belongs is what a client means by a one-element array.
        Iterable<JsonNode> elements = value.isArray() ? value.values() : List.of(value);
        for (JsonNode element : elements) {
            if (element.isArray()) {
                throw ScalarValues.mismatch(path, "an array of single values", value);
            }
            JsonNode normalized = element.isNull() ? null : single(definition, element, path);
            if (normalized != null) {
                out.add(normalized);
            }
        }
        checkSinglePrimary(definition, out, path);
        return out;
    }

    private static @Nullable JsonNode single(AttributeDefinition definition, JsonNode value, String path) {
        if (value.isArray()) {
            throw ScalarValues.mismatch(path, "a single value", value);
        }
        return definition.isComplex() ? complex(definition, value, path) : ScalarValues.normalize(definition, value, path);
    }

    private static @Nullable ObjectNode complex(AttributeDefinition definition, JsonNode value, String path) {
        if (!value.isObject()) {
            throw ScalarValues.mismatch(path, "a complex object", value);
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> property : value.properties()) {
            definition.subAttribute(property.getKey())
                    .filter(sub -> !sub.isReadOnly())
                    .ifPresent(sub -> {
                        JsonNode normalized = attribute(sub, property.getValue(), path + "." + sub.name());
                        if (normalized != null) {
                            out.set(sub.name(), normalized);
                        }
                    });
        }
        return out.isEmpty() ? null : out;
    }

    /** RFC 7643 §2.4: the primary attribute value "true" MUST appear no more than once. */
    private static void checkSinglePrimary(AttributeDefinition definition, ArrayNode values, String path) {
        if (definition.subAttribute("primary").isEmpty()) {
            return;
        }
        long primaries = values.valueStream()
                .filter(v -> BooleanNode.TRUE.equals(v.get("primary")))
                .count();
        if (primaries > 1) {
            throw ScimException.invalidValue("Attribute '" + path + "' has " + primaries
                    + " values with \"primary\": true; at most one is allowed");
        }
    }
}
