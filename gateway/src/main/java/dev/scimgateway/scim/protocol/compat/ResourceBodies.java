package dev.scimgateway.scim.protocol.compat;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A resource as POST and PUT carry it, in strict form: OneLogin's URNs as keys and in
 * {@code schemas}, then Entra's string booleans wherever the resource type has a boolean. Keys
 * are read as schema validation reads them: a plain name, a schema URN holding an object of
 * attributes, or an attribute qualified by its schema's URN.
 */
final class ResourceBodies {

    private ResourceBodies() {}

    static void strict(ObjectNode body, AttributeTraits schemas) {
        ObjectKeys.rename(body, OneLoginSchemaUrns::standardizePath);
        OneLoginSchemaUrns.standardizeSchemas(body);
        for (Map.Entry<String, JsonNode> property : body.properties()) {
            if (!property.getKey().equalsIgnoreCase("schemas")) {
                property.setValue(booleans(property.getKey(), property.getValue(), schemas));
            }
        }
    }

    private static JsonNode booleans(String key, JsonNode value, AttributeTraits schemas) {
        int colon = key.lastIndexOf(':');
        if (colon < 0) {
            return StringBooleans.asBooleans(AttrPath.of(key), value, schemas);
        }
        AttrPath qualified = new AttrPath(key.substring(0, colon), key.substring(colon + 1), null);
        if (schemas.kind(qualified).isPresent() || !(value instanceof ObjectNode schemaObject)) {
            return StringBooleans.asBooleans(qualified, value, schemas);
        }
        for (Map.Entry<String, JsonNode> property : schemaObject.properties()) {
            property.setValue(StringBooleans.asBooleans(new AttrPath(key, property.getKey(), null),
                    property.getValue(), schemas));
        }
        return schemaObject;
    }
}
