package dev.scimgateway.scim.protocol.compat;

import dev.scimgateway.scim.protocol.ScimException;
import tools.jackson.databind.JsonNode;

/**
 * Okta renames a group with a path-less replace whose value repeats the group's id:
 * <pre>{"op":"replace","value":{"id":"7f3c…","displayName":"Sales EMEA"}}</pre>
 * {@code id} is readOnly, but writing the value it already has changes nothing, so it is
 * ignored; a different id is still refused.
 */
public final class OktaPathlessReplaceId {

    private OktaPathlessReplaceId() {}

    /** Whether a path-less {@code id} value may be ignored; throws when it tries to change the id. */
    public static boolean ignorable(JsonNode value, String resourceId) {
        if (value.isString() && value.stringValue().equalsIgnoreCase(resourceId)) {
            return true;
        }
        throw ScimException.mutability("'id' is readOnly and cannot be changed by PATCH");
    }
}
