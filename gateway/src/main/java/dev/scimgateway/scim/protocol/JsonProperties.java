package dev.scimgateway.scim.protocol;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** RFC 7643 §2.1: attribute names are case-insensitive, so JSON keys are matched ignoring case. */
public final class JsonProperties {

    private JsonProperties() {}

    /** The property of that name in any case, or null when the node is no object or lacks it. */
    public static @Nullable JsonNode get(JsonNode object, String name) {
        String key = key(object, name);
        return key == null ? null : object.get(key);
    }

    /** The key as the object spells it of the property {@link #get} finds, or null. */
    public static @Nullable String key(JsonNode object, String name) {
        if (!object.isObject()) {
            return null;
        }
        if (object.get(name) != null) {
            return name;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getKey();
            }
        }
        return null;
    }
}
