package dev.scimgateway.scim.protocol.compat;

import dev.scimgateway.scim.protocol.filter.And;
import dev.scimgateway.scim.protocol.filter.Literal.BooleanLiteral;
import dev.scimgateway.scim.protocol.filter.Compare;
import dev.scimgateway.scim.protocol.filter.CompareOp;
import dev.scimgateway.scim.protocol.filter.Filter;
import dev.scimgateway.scim.protocol.filter.Literal.StringLiteral;
import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Entra ID sets a user's work address or e-mail with a filtered path even when the user has none:
 * <pre>{"op":"Replace","path":"emails[type eq \"work\"].value","value":"ann@example.com"}</pre>
 * RFC 7644 would answer 400 noTarget and Entra would keep failing the user, so when the filter
 * is made of {@code eq} comparisons joined by {@code and}, a new element is created with those
 * values, and the operation applies to it.
 */
public final class EntraValuePathUpsert {

    private EntraValuePathUpsert() {}

    /** The element the filter describes, or empty when the filter does not name one exactly. */
    public static Optional<ObjectNode> newElement(Filter filter) {
        ObjectNode element = JsonNodeFactory.instance.objectNode();
        return fill(filter, element) ? Optional.of(element) : Optional.empty();
    }

    private static boolean fill(Filter filter, ObjectNode element) {
        if (filter instanceof And and) {
            return and.chain().stream().allMatch(operand -> fill(operand, element));
        }
        if (filter instanceof Compare compare && compare.op() == CompareOp.EQ && compare.path().subAttribute() == null) {
            String name = compare.path().attribute();
            if (compare.value() instanceof StringLiteral text) {
                element.put(name, text.value());
                return true;
            }
            if (compare.value() instanceof BooleanLiteral bool) {
                element.put(name, bool.value());
                return true;
            }
        }
        return false;
    }
}
