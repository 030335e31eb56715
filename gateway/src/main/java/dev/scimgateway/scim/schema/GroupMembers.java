package dev.scimgateway.scim.schema;

import dev.scimgateway.scim.protocol.ScimException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rules for Group {@code members} beyond RFC 7643's listing: every member needs a {@code value}
 * (the member's id; a member without one cannot be stored), and {@code type}, when present, is
 * "User" or "Group", written in that case whatever case the client used.
 */
final class GroupMembers {

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

    private static String canonicalType(String type, String path) {
        for (String known : new String[] {"User", "Group"}) {
            if (known.equalsIgnoreCase(type)) {
                return known;
            }
        }
        throw ScimException.invalidValue("Attribute '" + path + ".type' must be \"User\" or \"Group\", got \"" + type + "\"");
    }
}
