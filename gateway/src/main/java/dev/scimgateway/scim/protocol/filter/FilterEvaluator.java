package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits;
import tools.jackson.databind.JsonNode;

/**
 * In-memory filter evaluation against a JSON resource (RFC 7644 §3.4.2.2 semantics). Used for
 * PATCH element selection and wherever a store cannot translate a filter to SQL.
 */
public final class FilterEvaluator {

    private FilterEvaluator() {
    }

    /** Whether {@code resource} matches; an invalid comparison (e.g. {@code active gt true}) throws invalidFilter. */
    public static boolean matches(Filter filter, JsonNode resource, AttributeTraits traits) {
        return filter.accept(new ResourceMatcher(resource, null, traits));
    }

    /**
     * Whether one element of the multi-valued (or complex) attribute {@code parent} matches a value
     * filter whose paths are relative to the element, as in {@code emails[type eq "work"]}.
     */
    public static boolean matchesElement(Filter inner, JsonNode element, AttrPath parent, AttributeTraits traits) {
        return inner.accept(new ResourceMatcher(element, parent, traits));
    }
}
