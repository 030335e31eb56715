package dev.scimgateway.scim.protocol.filter;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Function;

/** The operands of a left-associative chain of one logical operator, collected without recursion. */
final class Chains {

    private Chains() {}

    static <T extends Filter> List<Filter> operands(T end, Class<T> link, Function<T, Filter> left, Function<T, Filter> right) {
        ArrayDeque<Filter> operands = new ArrayDeque<>();
        Filter node = end;
        while (link.isInstance(node)) {
            T current = link.cast(node);
            operands.addFirst(right.apply(current));
            node = left.apply(current);
        }
        operands.addFirst(node);
        return List.copyOf(operands);
    }
}
