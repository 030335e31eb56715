package dev.scimgateway.scim.protocol.filter;

/** {@code left or right}; chains parse left-associatively, so {@code a or b or c} is {@code (or(or(a, b), c))}. */
public record Or(Filter left, Filter right) implements Filter {

    @Override
    public <R> R accept(FilterVisitor<R> visitor) {
        return visitor.visitOr(this);
    }
}
