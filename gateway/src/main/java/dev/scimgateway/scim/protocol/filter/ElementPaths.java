package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits;
import dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind;

/** How a path written inside {@code parent[...]} is known to the schema. */
final class ElementPaths {

    private static final String VALUE = "value";

    private ElementPaths() {
    }

    /**
     * {@code type} inside {@code emails[...]} is {@code emails.type}. The elements of a simple
     * multi-valued attribute ({@code tags[value eq "x"]}) have no sub-attributes: "value" there is
     * the element itself, so it takes the parent's traits.
     */
    static AttrPath schemaPath(AttrPath parent, AttrPath relative, AttributeTraits traits) {
        AttrPath full = new AttrPath(parent.schemaUrn(), parent.attribute(), relative.attribute());
        AttrPath parentAttribute = full.withSubAttribute(null);
        boolean simpleParent = traits.kind(parentAttribute).filter(k -> k != AttributeKind.COMPLEX).isPresent();
        if (relative.attribute().equalsIgnoreCase(VALUE) && simpleParent && traits.kind(full).isEmpty()) {
            return parentAttribute;
        }
        return full;
    }
}
