package dev.scimgateway.load.okta;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The request bodies Okta sends, shaped as in its documented request sequence (docs: client-wire-notes). */
public final class OktaBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private OktaBodies() {}

    public static String createUser(PlannedUser user) {
        return user(user).toString();
    }

    /** The User resource of a create, as a tree, for clients that wrap it (a bulk operation's {@code data}). */
    public static ObjectNode user(PlannedUser user) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("schemas").add(USER_SCHEMA);
        body.put("userName", user.userName());
        ObjectNode name = body.putObject("name");
        name.put("givenName", user.givenName());
        name.put("familyName", user.familyName());
        ObjectNode email = body.putArray("emails").addObject();
        email.put("primary", true);
        email.put("value", user.userName());
        email.put("type", "work");
        body.put("displayName", user.givenName() + " " + user.familyName());
        body.put("locale", "en-US");
        body.put("externalId", user.externalId());
        body.putArray("groups");
        // Okta sends a password on every create, often a throw-away one.
        body.put("password", "Throwaway-" + user.index());
        body.put("active", true);
        return body;
    }

    public static String createGroup(PlannedGroup group) {
        return group(group).toString();
    }

    /** The Group resource of a create, with an empty {@code members} array for the caller to fill or leave. */
    public static ObjectNode group(PlannedGroup group) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("schemas").add(GROUP_SCHEMA);
        body.put("displayName", group.displayName());
        body.putArray("members");
        return body;
    }

    /**
     * A membership chunk the way Okta sends it: a path-less rename {@code replace} whose value
     * also carries the group id, then an {@code add} of up to 100 members.
     */
    public static String addMembers(String groupId, PlannedGroup group, int[] chunk, ServerIds userIds, TenantPlan plan) {
        ObjectNode body = patch();
        ArrayNode operations = (ArrayNode) body.get("Operations");
        ObjectNode rename = operations.addObject();
        rename.put("op", "replace");
        ObjectNode value = rename.putObject("value");
        value.put("id", groupId);
        value.put("displayName", group.displayName());
        ObjectNode add = operations.addObject();
        add.put("op", "add");
        add.put("path", "members");
        ArrayNode members = add.putArray("value");
        for (int index : chunk) {
            String id = userIds.idOf(index);
            if (id != null) {
                members.addObject().put("value", id).put("display", plan.users().get(index).userName());
            }
        }
        return body.toString();
    }

    public static String setActive(boolean active) {
        ObjectNode body = patch();
        ObjectNode replace = ((ArrayNode) body.get("Operations")).addObject();
        replace.put("op", "replace");
        replace.putObject("value").put("active", active);
        return body.toString();
    }

    /** A plain PatchOp that adds members (by id, or by {@code bulkId:} reference inside a bulk request). */
    public static ObjectNode addMembers(Iterable<String> memberValues) {
        ObjectNode body = patch();
        ObjectNode add = ((ArrayNode) body.get("Operations")).addObject();
        add.put("op", "add");
        add.put("path", "members");
        ArrayNode members = add.putArray("value");
        memberValues.forEach(value -> members.addObject().put("value", value));
        return body;
    }

    private static ObjectNode patch() {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("schemas").add(PATCH_SCHEMA);
        body.putArray("Operations");
        return body;
    }
}
