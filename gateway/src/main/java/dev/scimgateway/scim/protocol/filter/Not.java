package dev.scimgateway.scim.protocol.filter;

/** {@code not (inner)}. */
public record Not(Filter inner) implements Filter {

    @Override
    public <R> R accept(FilterVisitor<R> visitor) {
        return visitor.visitNot(this);
    }
}
