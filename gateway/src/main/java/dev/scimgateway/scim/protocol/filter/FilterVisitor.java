package dev.scimgateway.scim.protocol.filter;

/** One method per node type; each use of a filter (evaluate, check, translate) is one visitor. */
public interface FilterVisitor<R> {

    R visitAnd(And and);

    R visitOr(Or or);

    R visitNot(Not not);

    R visitCompare(Compare compare);

    R visitPresent(Present present);

    R visitValuePath(ValuePath valuePath);
}
