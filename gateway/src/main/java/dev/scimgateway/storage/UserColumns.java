package dev.scimgateway.storage;

import dev.scimgateway.scim.schema.SchemaRegistry;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The user attributes that also live in their own columns, read the one way every statement
 * needs. userName is unique per tenant case-insensitively (index on {@code lower(user_name)}).
 */
final class UserColumns implements ResourceColumns {

    static final UserColumns INSTANCE = new UserColumns();

    private static final List<String> NAMES = List.of("user_name", "external_id", "display_name", "active");
    private static final FilterSql.Factory FILTERS = new FilterSql.Factory();

    private UserColumns() {}

    @Override
    public String table() {
        return "scim_user";
    }

    @Override
    public String kind() {
        return "user";
    }

    @Override
    public String resourceType() {
        return "User";
    }

    @Override
    public String label() {
        return "user_name";
    }

    @Override
    public String active() {
        return "active";
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public Object[] values(ObjectNode doc) {
        return new Object[] {userName(doc), ResourceTable.nullable(text(doc, "externalId")),
                ResourceTable.nullable(text(doc, "displayName")), active(doc)};
    }

    @Override
    public String taken(ObjectNode doc) {
        return userNameTaken(doc);
    }

    @Override
    public FilterSql filter(SqlParams params, SchemaRegistry schemas) {
        return FILTERS.users(params, schemas);
    }

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
