package dev.scimgateway.scim.protocol.compat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Renames the keys of a JSON object in place, keeping their order. */
final class ObjectKeys {

    private ObjectKeys() {}

    /**
     * Each key becomes {@code rename.apply(key)}. Two keys that become one keep the later value, and
     * two objects are merged, later properties winning: what the strict code would have made of
     * the two keys one after the other.
     */
    static void rename(ObjectNode object, UnaryOperator<String> rename) {
        boolean unchanged = true;
        for (String key : object.propertyNames()) {
            unchanged &= rename.apply(key).equals(key);
        }
        if (unchanged) {
            return;
        }
        Map<String, JsonNode> renamed = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            String key = rename.apply(property.getKey());
            JsonNode value = property.getValue();
            if (renamed.get(key) instanceof ObjectNode earlier && value instanceof ObjectNode later) {
                earlier.setAll(later);
            } else {
                renamed.put(key, value);
            }
        }
        object.removeAll();
        object.setAll(renamed);
    }
}
