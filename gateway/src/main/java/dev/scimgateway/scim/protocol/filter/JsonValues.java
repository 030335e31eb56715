package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.JsonProperties;
import dev.scimgateway.scim.protocol.AttrPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Finds attribute values in a resource the way SCIM names them: case-insensitively, URN-aware. */
final class JsonValues {

    private JsonValues() {
    }

    /** Looks in the extension object named by the URN when the resource has one; core URNs name no object, so they fall back to the top level. */
    static JsonNode schemaContainer(JsonNode resource, AttrPath path) {
        String urn = path.schemaUrn();
        if (urn != null) {
            JsonNode extension = JsonProperties.get(resource, urn);
            if (extension != null && extension.isObject()) {
                return extension;
            }
        }
        return resource;
    }

    /** Arrays become their elements; absent and JSON null become nothing. */
    static List<JsonNode> flatten(@Nullable JsonNode value) {
        List<JsonNode> out = new ArrayList<>();
        if (value == null || value.isNull() || value.isMissingNode()) {
            return out;
        }
        if (value.isArray()) {
            for (JsonNode element : value.values()) {
                if (!element.isNull()) {
                    out.add(element);
                }
            }
        } else {
            out.add(value);
        }
        return out;
    }

    /** The values of {@code attribute[.sub]} below {@code base}; a multi-valued parent yields each element's sub. */
    static List<JsonNode> values(JsonNode base, String attribute, @Nullable String sub) {
        List<JsonNode> top = flatten(JsonProperties.get(base, attribute));
        if (sub == null) {
            return top;
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode element : top) {
            out.addAll(flatten(JsonProperties.get(element, sub)));
        }
        return out;
    }

    static boolean isPresent(JsonNode value) {
        if (value.isString()) {
            return !value.stringValue().isEmpty();
        }
        return !(value.isContainer() && value.isEmpty()) && !value.isNull();
    }
}
