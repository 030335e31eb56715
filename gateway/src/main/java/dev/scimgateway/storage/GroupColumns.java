package dev.scimgateway.storage;

import dev.scimgateway.scim.schema.SchemaRegistry;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** The group attributes that also live in their own columns; displayName is unique per tenant, case-insensitively. */
final class GroupColumns implements ResourceColumns {

    static final GroupColumns INSTANCE = new GroupColumns();

    private static final List<String> NAMES = List.of("display_name", "external_id");
    private static final FilterSql.Factory FILTERS = new FilterSql.Factory();

    private GroupColumns() {}

    @Override
    public String table() {
        return "scim_group";
    }

    @Override
    public String kind() {
        return "group";
    }

    @Override
    public String resourceType() {
        return "Group";
    }

    @Override
    public String label() {
        return "display_name";
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public Object[] values(ObjectNode doc) {
        return new Object[] {displayName(doc), ResourceTable.nullable(UserColumns.text(doc, "externalId"))};
    }

    @Override
    public String taken(ObjectNode doc) {
        return "A group named '" + displayName(doc) + "' already exists in this tenant";
    }

    /** A group PATCH that renames onto a taken name has always answered the general detail. */
    @Override
    public @Nullable String takenByPatch(ObjectNode doc) {
        return null;
    }

    @Override
    public FilterSql filter(SqlParams params, SchemaRegistry schemas) {
        return FILTERS.groups(params, schemas);
    }

    private static String displayName(ObjectNode doc) {
        String name = UserColumns.text(doc, "displayName");
        return name == null ? "" : name;
    }
}
