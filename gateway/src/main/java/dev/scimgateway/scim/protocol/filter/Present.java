package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.AttrPath;

/** {@code path pr}: the attribute has a non-empty value. */
public record Present(AttrPath path) implements Filter {

    @Override
    public <R> R accept(FilterVisitor<R> visitor) {
        return visitor.visitPresent(this);
    }
}
