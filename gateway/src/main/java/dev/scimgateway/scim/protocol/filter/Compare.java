package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.AttrPath;

/** {@code path op value}, e.g. {@code userName eq "bjensen"}. */
public record Compare(AttrPath path, CompareOp op, Literal value) implements Filter {

    @Override
    public <R> R accept(FilterVisitor<R> visitor) {
        return visitor.visitCompare(this);
    }
}
