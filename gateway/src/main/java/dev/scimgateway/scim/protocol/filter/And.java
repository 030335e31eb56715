package dev.scimgateway.scim.protocol.filter;

/** {@code left and right}; chains parse left-associatively, so {@code a and b and c} is {@code (and(and(a, b), c))}. */
public record And(Filter left, Filter right) implements Filter {

    @Override
    public <R> R accept(FilterVisitor<R> visitor) {
        return visitor.visitAnd(this);
    }
}
