package dev.scimgateway.scim.protocol.compat;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits;
import dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Microsoft Entra ID sends boolean attributes as JSON strings, capitalised like .NET prints them:
 *
 * <pre>{@code
 * PATCH /Users/{id}
 * {"Operations": [{"op": "Replace", "path": "active", "value": "False"}]}
 * }</pre>
 *
 * The string {@code "False"} means the boolean {@code false}. Only the two words are accepted (in
 * any case); anything else stays a type error, because guessing at {@code "0"} or {@code "yes"}
 * would hide real mapping mistakes in the IdP configuration.
 */
final class StringBooleans {

    private StringBooleans() {
    }

    /** The boolean a JSON boolean or an Entra-style string carries; empty for anything else. */
    static Optional<Boolean> read(JsonNode value) {
        if (value.isBoolean()) {
            return Optional.of(value.booleanValue());
        }
        if (value.isString()) {
            String text = value.stringValue().strip();
            if (text.equalsIgnoreCase("true")) {
                return Optional.of(Boolean.TRUE);
            }
            if (text.equalsIgnoreCase("false")) {
                return Optional.of(Boolean.FALSE);
            }
        }
        return Optional.empty();
    }

    /**
     * The value written to {@code path}, with such strings made JSON booleans wherever the schema
     * says boolean: the attribute itself, its sub-attributes, the elements of a plural one.
     * Containers are changed in place; a string is replaced by the boolean it spells.
     */
    static JsonNode asBooleans(AttrPath path, JsonNode value, AttributeTraits schemas) {
        Optional<AttributeKind> kind = schemas.kind(path);
        if (kind.isEmpty()) {
            return value;
        }
        if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, asBooleans(path, array.get(i), schemas));
            }
        } else if (kind.get() == AttributeKind.BOOLEAN && value.isString()) {
            return read(value).<JsonNode>map(BooleanNode::valueOf).orElse(value);
        } else if (kind.get() == AttributeKind.COMPLEX && path.subAttribute() == null && value instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                property.setValue(asBooleans(path.withSubAttribute(property.getKey()), property.getValue(), schemas));
            }
        }
        return value;
    }
}
