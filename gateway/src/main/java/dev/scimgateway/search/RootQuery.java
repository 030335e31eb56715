package dev.scimgateway.search;

import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.schema.SchemaRegistry;
import dev.scimgateway.scim.web.ScimQuery;
import dev.scimgateway.tenancy.TenantCatalog;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A root SearchRequest (RFC 7644 §3.4.3) as each resource type reads it. A type whose schema
 * does not know the filter's attributes takes no part. A type that lacks the {@code sortBy}
 * attribute takes part all the same, its resources having no value to sort by. With cursor paging
 * each type reads the request as a first page, and {@link #after} says where the cursor points.
 */
record RootQuery(String tenantId, TenantCatalog catalog, Optional<ScimQuery> users, Optional<ScimQuery> groups,
        ListQuery.@Nullable Sort sort, RootCursors cursors, RootCursors.@Nullable Position after) {

    static RootQuery parse(ScimQuery.Parameters given, String tenantId, TenantCatalog catalog, ScimQuery.Settings settings) {
        String sortBy = given.first("sortBy");
        boolean usersSort = sorts(sortBy, catalog.users());
        boolean groupsSort = sorts(sortBy, catalog.groups());
        if (!usersSort && !groupsSort) {
            throw ScimException.invalidValue("sortBy '" + sortBy + "' is not an attribute of User or Group");
        }
        Optional<ScimQuery> users = attempt(asFirstPage(given, usersSort), tenantId, catalog.users(), settings);
        Optional<ScimQuery> groups = attempt(asFirstPage(given, groupsSort), tenantId, catalog.groups(), settings);
        if (users.isEmpty() && groups.isEmpty()) {
            // Neither type understands the filter: the users' reason is the one to report.
            ScimQuery.parse(asFirstPage(given, usersSort), tenantId, catalog.users(), settings);
        }
        ListQuery.Sort sort = Stream.of(users, groups).flatMap(Optional::stream).map(q -> q.list().sort())
                .filter(Objects::nonNull).findFirst().orElse(null);
        String filter = given.first("filter");
        RootCursors cursors = new RootCursors(settings.cursors(), tenantId, filter == null ? "" : filter);
        String cursor = given.first("cursor");
        RootCursors.Position after = cursor == null || cursor.isEmpty() ? null : cursors.decode(cursor);
        return new RootQuery(tenantId, catalog, users, groups, sort, cursors, after);
    }

    /** The query of one part; empty when the filter does not apply to it. */
    Optional<ScimQuery> of(Part part) {
        return part == Part.USERS ? users : groups;
    }

    SchemaRegistry schemas(Part part) {
        return part == Part.USERS ? catalog.users() : catalog.groups();
    }

    /** The paging parameters, which every part read alike. */
    ScimQuery any() {
        return users.or(() -> groups).orElseThrow();
    }

    boolean cursorPaging() {
        return any().list().cursorPaging();
    }

    int startIndex() {
        return any().list().startIndex();
    }

    int count() {
        return any().list().count();
    }

    private static boolean sorts(@Nullable String sortBy, SchemaRegistry schemas) {
        return sortBy == null || sortBy.isBlank() || ScimQuery.namesAttribute(sortBy, schemas);
    }

    /**
     * The request as one type reads it: a cursor names a part, so the type parses a first page
     * (which still checks count and the other paging rules), and a sortBy it lacks is left out.
     */
    private static ScimQuery.Parameters asFirstPage(ScimQuery.Parameters given, boolean keepSort) {
        return name -> {
            String value = given.first(name);
            if ("cursor".equals(name) && value != null) {
                return "";
            }
            return "sortBy".equals(name) && !keepSort ? null : value;
        };
    }

    private static Optional<ScimQuery> attempt(ScimQuery.Parameters parameters, String tenantId, SchemaRegistry schemas,
            ScimQuery.Settings settings) {
        try {
            return Optional.of(ScimQuery.parse(parameters, tenantId, schemas, settings));
        } catch (ScimException e) {
            if (e.scimType() != null && "invalidFilter".equals(e.scimType().wireName())) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
