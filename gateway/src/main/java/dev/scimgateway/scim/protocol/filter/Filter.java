package dev.scimgateway.scim.protocol.filter;

/**
 * A parsed SCIM filter. Closed, so every visitor must handle every node: adding a node type is a
 * compile error in each use (evaluation, schema check, SQL) instead of a silent gap.
 */
public sealed interface Filter permits And, Or, Not, Compare, Present, ValuePath {

    <R> R accept(FilterVisitor<R> visitor);
}
