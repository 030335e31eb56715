package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.list.ListPage;
import dev.scimgateway.scim.protocol.list.ListQuery;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.compat.ClientQuirks;
import dev.scimgateway.scim.protocol.compat.FormEncodedQuery;
import dev.scimgateway.scim.protocol.filter.Filter;
import dev.scimgateway.scim.protocol.filter.FilterChecker;
import dev.scimgateway.scim.protocol.filter.FilterParser;
import dev.scimgateway.scim.schema.Projection;
import dev.scimgateway.scim.schema.SchemaRegistry;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parameters of a SCIM read: the list parameters of RFC 7644 §3.4.2 (filter, sort, index
 * paging) or RFC 9865 cursor paging, and the projection of §3.4.2.5 that every read accepts.
 * They arrive in the query string or, for {@code POST /.search}, in a SearchRequest body, and
 * are rewritten into strict form ({@link ClientQuirks#parameter}) before they are parsed.
 */
public record ScimQuery(ListQuery list, List<AttrPath> attributes, List<AttrPath> excludedAttributes,
        @Nullable String cursorScope, CursorCodec cursors) {

    /** Paging defaults and limits, from configuration, and the codec of cursors. */
    public record Settings(int defaultCount, int maxCount, CursorCodec cursors) {}

    /** Where the parameters come from: a query string, or a SearchRequest body. */
    public interface Parameters {
        @Nullable String first(String name);
    }

    public static ScimQuery parse(@Nullable String rawQuery, String tenantId, SchemaRegistry registry, Settings settings) {
        FormEncodedQuery query = FormEncodedQuery.parse(rawQuery);
        return parse(query::first, tenantId, registry, settings);
    }

    public static ScimQuery parse(Parameters given, String tenantId, SchemaRegistry registry, Settings settings) {
        Parameters parameters = name -> ClientQuirks.parameter(name, given.first(name));
        // Cursors are bound to the filter as the client wrote it.
        String filterText = given.first("filter");
        Filter filter = filter(parameters.first("filter"), registry);
        ListQuery.Sort sort = sort(parameters, registry);
        String cursor = parameters.first("cursor");
        List<AttrPath> attributes = attributeList(parameters.first("attributes"));
        List<AttrPath> excluded = attributeList(parameters.first("excludedAttributes"));
        if (cursor == null) {
            int startIndex = Math.max(1, integer(parameters, "startIndex", 1));
            int count = Math.min(settings.maxCount(), Math.max(0, integer(parameters, "count", settings.defaultCount())));
            return new ScimQuery(ListQuery.index(filter, sort, startIndex, count), attributes, excluded, null,
                    settings.cursors());
        }
        if (parameters.first("startIndex") != null) {
            throw ScimException.invalidValue("Use either startIndex (index paging) or cursor (cursor paging), not both");
        }
        if (sort != null) {
            throw ScimException.invalidValue("sortBy is not supported with cursor paging; cursor pages follow creation order");
        }
        int count = integer(parameters, "count", settings.defaultCount());
        if (count < 0 || count > settings.maxCount()) {
            throw ScimException.invalidCount("count must be between 0 and " + settings.maxCount() + " with cursor paging");
        }
        String scope = registry.resourceType().name() + "\n" + tenantId + "\n" + (filterText == null ? "" : filterText);
        ListQuery.Position after = cursor.isEmpty() ? null : settings.cursors().decode(cursor, scope);
        return new ScimQuery(ListQuery.cursor(filter, count, after), attributes, excluded, scope, settings.cursors());
    }

    /** Index paging of a list that has no filter or sort, such as /Schemas: a whole list unless {@code count} says otherwise. */
    public record IndexWindow(int startIndex, int count) {}

    /** Reads {@code startIndex} and {@code count} as every list reads them; a value that is not an integer is a 400. */
    public static IndexWindow indexWindow(@Nullable String rawQuery) {
        FormEncodedQuery query = FormEncodedQuery.parse(rawQuery);
        Parameters parameters = name -> ClientQuirks.parameter(name, query.first(name));
        return new IndexWindow(Math.max(1, integer(parameters, "startIndex", 1)),
                Math.max(0, integer(parameters, "count", Integer.MAX_VALUE)));
    }

    /** Whether the client asked for a projection, which makes PATCH answer with the resource. */
    public boolean projects() {
        return !attributes.isEmpty() || !excludedAttributes.isEmpty();
    }

    public ObjectNode project(ObjectNode resource, SchemaRegistry registry) {
        return Projection.project(resource, registry, attributes, excludedAttributes);
    }

    /** Whether the response needs an attribute that is expensive to load, such as group members. */
    public boolean wants(SchemaRegistry registry, String attribute) {
        return Projection.includes(registry, AttrPath.of(attribute), attributes, excludedAttributes);
    }

    /** The cursor of the page after this one, when cursor paging and more resources follow. */
    public <T> @Nullable String nextCursor(ListPage<T> page, Function<T, ResourceRecord> record) {
        if (cursorScope == null || !page.hasMore() || page.resources().isEmpty()) {
            return null;
        }
        ResourceRecord last = record.apply(page.resources().get(page.resources().size() - 1));
        return cursors.encode(new ListQuery.Position(last.created(), last.id(), page.totalResults()), cursorScope);
    }

    private static @Nullable Filter filter(@Nullable String text, SchemaRegistry registry) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Filter filter = FilterParser.parse(text);
        FilterChecker.check(filter, registry);
        return filter;
    }

    private static ListQuery.@Nullable Sort sort(Parameters parameters, SchemaRegistry registry) {
        String sortBy = parameters.first("sortBy");
        String sortOrder = parameters.first("sortOrder");
        if (sortBy == null || sortBy.isBlank()) {
            return null;
        }
        boolean descending = false;
        if (sortOrder != null && !sortOrder.isBlank()) {
            switch (sortOrder.strip().toLowerCase(Locale.ROOT)) {
                case "ascending" -> descending = false;
                case "descending" -> descending = true;
                default -> throw ScimException.invalidValue("sortOrder must be 'ascending' or 'descending', got '" + sortOrder + "'");
            }
        }
        if (!namesAttribute(sortBy, registry)) {
            throw ScimException.invalidValue("sortBy '" + sortBy + "' is not an attribute of " + registry.resourceType().name());
        }
        return new ListQuery.Sort(Projection.parseAttributeList(sortBy).get(0), descending);
    }

    /** Whether a {@code sortBy} value names one attribute of the resource type (sortable or not). */
    public static boolean namesAttribute(String sortBy, SchemaRegistry registry) {
        List<AttrPath> paths = Projection.parseAttributeList(ClientQuirks.parameter("sortBy", sortBy));
        return paths.size() == 1 && registry.resolve(paths.get(0)).isPresent();
    }

    private static int integer(Parameters parameters, String name, int fallback) {
        String value = parameters.first(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String trimmed = value.strip();
        try {
            return Integer.parseInt(trimmed);
        } catch (NumberFormatException e) {
            if (trimmed.matches("-?\\d+")) {
                return trimmed.startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            }
            throw ScimException.invalidValue("'" + name + "' must be an integer, got '" + value + "'");
        }
    }

    private static List<AttrPath> attributeList(@Nullable String value) {
        return value == null || value.isBlank() ? List.of() : Projection.parseAttributeList(value);
    }
}
