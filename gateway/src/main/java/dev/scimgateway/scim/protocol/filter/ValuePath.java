package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.AttrPath;

/**
 * {@code path[inner]}: some element of a multi-valued (or complex) attribute satisfies
 * {@code inner}. Paths inside {@code inner} are relative to the element ({@code type}, not
 * {@code emails.type}) because that is how the filter is written and how PATCH selects elements.
 */
public record ValuePath(AttrPath path, Filter inner) implements Filter {

    @Override
    public <R> R accept(FilterVisitor<R> visitor) {
        return visitor.visitValuePath(this);
    }
}
