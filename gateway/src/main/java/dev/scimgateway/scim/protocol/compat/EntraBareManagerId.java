package dev.scimgateway.scim.protocol.compat;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits;
import dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind;
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
final class EntraBareManagerId {

    private static final String VALUE = "value";

    private EntraBareManagerId() {}

    /** The value an add or replace writes to {@code attribute}, a single attribute named without filter. */
    static JsonNode asComplex(AttrPath attribute, JsonNode value, AttributeTraits schemas) {
        boolean complexWithValue = !schemas.multiValued(attribute)
                && schemas.kind(attribute).filter(kind -> kind == AttributeKind.COMPLEX).isPresent()
                && schemas.canonicalPath(attribute.withSubAttribute(VALUE)).isPresent();
        if (!complexWithValue || !value.isString()) {
            return value;
        }
        return JsonNodeFactory.instance.objectNode().put(VALUE, value.stringValue());
    }
}
