package dev.scimgateway.scim.protocol.compat;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Okta renames a group with a path-less replace whose value repeats the group's id:
 * <pre>{"op":"replace","value":{"id":"7f3c…","displayName":"Sales EMEA"}}</pre>
 * {@code id} is readOnly, but writing the value it already has changes nothing, so it is
 * ignored; a different id is still refused.
 */
final class OktaPathlessReplaceId {

    private OktaPathlessReplaceId() {}

    /**
     * Drops from a path-less value an {@code id} (in any case) that repeats the resource's own id.
     * Any other {@code id} stays, for the PATCH engine to refuse as a write of a readOnly attribute.
     */
    static void dropRepeatedId(ObjectNode pathlessValue, String resourceId) {
        for (String key : List.copyOf(pathlessValue.propertyNames())) {
            JsonNode value = pathlessValue.get(key);
            if ("id".equalsIgnoreCase(key) && value.isString() && value.stringValue().equalsIgnoreCase(resourceId)) {
                pathlessValue.remove(key);
            }
        }
    }
}
