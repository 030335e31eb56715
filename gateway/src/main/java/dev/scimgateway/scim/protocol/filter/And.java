package dev.scimgateway.scim.protocol.filter;

import java.util.List;

/** {@code left and right}; chains parse left-associatively, so {@code a and b and c} is {@code (and(and(a, b), c))}. */
public record And(Filter left, Filter right) implements Filter {

    @Override
    public <R> R accept(FilterVisitor<R> visitor) {
        return visitor.visitAnd(this);
    }

    /**
     * The operands of the chain this node ends: {@code a and b and c} gives {@code [a, b, c]}. Collected
     * along the left spine without recursion, so walkers that use it stay flat however long the
     * chain; a parenthesized and on the right stays one operand (its depth is the parser's limit).
     */
    public List<Filter> chain() {
        return Chains.operands(this, And.class, And::left, And::right);
    }
}
