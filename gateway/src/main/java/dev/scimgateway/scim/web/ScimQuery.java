package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.ListQuery;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.compat.FormEncodedQuery;
import dev.scimgateway.scim.protocol.filter.Filter;
import dev.scimgateway.scim.protocol.filter.FilterChecker;
import dev.scimgateway.scim.protocol.filter.FilterParser;
import dev.scimgateway.scim.schema.Projection;
import dev.scimgateway.scim.schema.SchemaRegistry;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.ServerRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * The query parameters of a SCIM request: the list parameters of RFC 7644 §3.4.2 and the
 * projection parameters of §3.4.2.5 that every read accepts.
 */
public record ScimQuery(ListQuery list, List<AttrPath> attributes, List<AttrPath> excludedAttributes) {

    /** Paging defaults and limits, from configuration. */
    public record Limits(int defaultCount, int maxCount) {}

    public static ScimQuery parse(ServerRequest request, SchemaRegistry registry, Limits limits) {
        FormEncodedQuery query = FormEncodedQuery.parse(request.uri().getRawQuery());
        Filter filter = filter(query.first("filter"), registry);
        int startIndex = Math.max(1, integer(query, "startIndex", 1));
        int count = Math.min(limits.maxCount(), Math.max(0, integer(query, "count", limits.defaultCount())));
        return new ScimQuery(new ListQuery(filter, startIndex, count),
                attributeList(query.first("attributes")), attributeList(query.first("excludedAttributes")));
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

    private static @Nullable Filter filter(@Nullable String text, SchemaRegistry registry) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Filter filter = FilterParser.parse(text);
        FilterChecker.check(filter, registry);
        return filter;
    }

    private static int integer(FormEncodedQuery query, String name, int fallback) {
        String value = query.first(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            if (value.strip().matches("-?\\d+")) {
                return value.strip().startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            }
            throw ScimException.invalidValue("'" + name + "' must be an integer, got '" + value + "'");
        }
    }

    private static List<AttrPath> attributeList(@Nullable String value) {
        return value == null || value.isBlank() ? List.of() : Projection.parseAttributeList(value);
    }
}
