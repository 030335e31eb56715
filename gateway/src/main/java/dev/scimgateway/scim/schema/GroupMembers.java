package dev.scimgateway.scim.schema;

import dev.scimgateway.scim.protocol.ScimException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rules for Group {@code members} beyond RFC 7643's listing: every member needs a string
 * {@code value}, the id of a user or a group; and {@code type}, when present, is "User" or "Group",
 * written in that case whatever case the client used. A value that names no user or group of the
 * tenant (whether or not it is a UUID) is the store's concern: it is skipped and counted, never a
 * failed push.
 */
public final class GroupMembers {

    private static final String EXPECTED_ID =
            "the id of a user or group, a string (such as \"2819c223-7f76-453a-919d-413861904646\")";

    private GroupMembers() {
    }

    static void check(JsonNode members, String path) {
        for (JsonNode member : members.isArray() ? members.values() : List.of(members)) {
            JsonNode value = member.get("value");
            if (value == null || !value.isString() || value.stringValue().isBlank()) {
                throw ScimException.invalidValue("Attribute '" + path + ".value' is required in every member, got "
                        + member);
            }
            JsonNode type = member.get("type");
            if (type != null) {
                ((ObjectNode) member).put("type", canonicalType(type.stringValue(), path));
            }
        }
    }

    /** The invalidValue error for a member value at {@code path} that is not a user or group id. */
    public static ScimException notAUserId(String path, JsonNode value) {
        return ScalarValues.mismatch(path, EXPECTED_ID, value);
    }

    private static String canonicalType(String type, String path) {
        for (String known : new String[] {"User", "Group"}) {
            if (known.equalsIgnoreCase(type)) {
                return known;
            }
        }
        throw ScimException.invalidValue("Attribute '" + path + ".type' must be \"User\" or \"Group\", got \"" + type + "\"");
    }
}
