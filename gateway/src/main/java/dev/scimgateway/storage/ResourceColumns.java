package dev.scimgateway.storage;

import dev.scimgateway.scim.schema.SchemaRegistry;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one resource type's table has of its own: its name, the attributes that also live in
 * columns (besides {@code doc}), the filter translation over them, and what a clash on its unique
 * index means to the client.
 */
interface ResourceColumns {

    /** One of this package's constants, never input. */
    String table();

    /** The type as messages name it: "user". */
    String kind();

    /** The SCIM resource type, as the activity log and the change feed name it: "User". */
    String resourceType();

    /** The column that names a resource to a person in the activity log (userName, displayName). */
    String label();

    /** The column whose change from true to false (or back) is a deactivation (reactivation); null if none. */
    default @Nullable String active() {
        return null;
    }

    /** The column names, in the order {@link #values} gives their values. */
    List<String> names();

    /** The values of {@link #names} for a document; nulls are typed for R2DBC. */
    Object[] values(ObjectNode doc);

    /** The 409 detail when a write of {@code doc} clashes with another resource. */
    String taken(ObjectNode doc);

    /** The same for a PATCH; null keeps the general detail. */
    default @Nullable String takenByPatch(ObjectNode doc) {
        return taken(doc);
    }

    FilterSql filter(SqlParams params, SchemaRegistry schemas);
}
