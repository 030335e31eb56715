package dev.scimgateway.scim.protocol.filter;

import java.util.List;

/** {@code left or right}; chains parse left-associatively, so {@code a or b or c} is {@code (or(or(a, b), c))}. */
public record Or(Filter left, Filter right) implements Filter {

    @Override
    public <R> R accept(FilterVisitor<R> visitor) {
        return visitor.visitOr(this);
    }

    /**
     * The operands of the chain this node ends: {@code a or b or c} gives {@code [a, b, c]}. Collected
     * along the left spine without recursion, so walkers that use it stay flat however long the
     * chain; a parenthesized or on the right stays one operand (its depth is the parser's limit).
     */
    public List<Filter> chain() {
        return Chains.operands(this, Or.class, Or::left, Or::right);
    }
}
