package dev.scimgateway.scim.protocol.compat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Entra ID's default attribute mapping sends the enterprise manager as the bare id, not as the
 * complex value RFC 7643 §4.3 defines:
 * <pre>{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
 *  "value":"2c2f6fb8-254f-492e-b7fe-c09c5a61c8a2"}</pre>
 * (Microsoft Q&amp;A 188003; SCIM-SDK issue 686; directory-scimple issue 1242). It reads the
 * manager back as {@code manager.value}, so the string is taken as {@code {"value": "<id>"}}
 * for a complex attribute that has a {@code value} sub-attribute.
 */
public final class EntraBareManagerId {

    private EntraBareManagerId() {}

    /** {@code {"value": text}} for a JSON string, the value itself otherwise. */
    public static JsonNode asComplex(JsonNode value) {
        if (!value.isString()) {
            return value;
        }
        return JsonNodeFactory.instance.objectNode().put("value", value.stringValue());
    }
}
