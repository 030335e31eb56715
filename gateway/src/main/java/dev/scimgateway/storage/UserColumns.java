package dev.scimgateway.storage;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The user attributes that also live in their own columns, read the one way every statement needs. */
final class UserColumns {

    private UserColumns() {}

    static String userName(ObjectNode doc) {
        String userName = text(doc, "userName");
        return userName == null ? "" : userName;
    }

    static boolean active(ObjectNode doc) {
        JsonNode active = doc.get("active");
        return active == null || !active.isBoolean() || active.booleanValue();
    }

    static @Nullable String text(ObjectNode doc, String field) {
        JsonNode node = doc.get(field);
        return node != null && node.isString() ? node.stringValue() : null;
    }

    static String userNameTaken(ObjectNode doc) {
        return "userName '" + userName(doc) + "' is already taken in this tenant (userName is case-insensitive)";
    }
}
