package dev.scimgateway.scim.protocol.patch;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits;
import dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind;
import dev.scimgateway.scim.protocol.filter.And;
import dev.scimgateway.scim.protocol.filter.Compare;
import dev.scimgateway.scim.protocol.filter.CompareOp;
import dev.scimgateway.scim.protocol.filter.Filter;
import dev.scimgateway.scim.protocol.filter.Literal.BooleanLiteral;
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
 *
 * <p>The one client quirk the engine keeps: whether the filter matches depends on the stored
 * resource, which the edge, rewriting the request before it is read, cannot see.
 */
final class EntraValuePathUpsert {

    private EntraValuePathUpsert() {}

    /**
     * The element the filter describes, or empty when the filter does not name one exactly. A
     * string compared with a boolean sub-attribute means the boolean, as in filter evaluation.
     */
    static Optional<ObjectNode> newElement(Filter filter, AttrPath attribute, AttributeTraits traits) {
        ObjectNode element = JsonNodeFactory.instance.objectNode();
        return fill(filter, element, attribute, traits) ? Optional.of(element) : Optional.empty();
    }

    private static boolean fill(Filter filter, ObjectNode element, AttrPath attribute, AttributeTraits traits) {
        if (filter instanceof And and) {
            return and.chain().stream().allMatch(operand -> fill(operand, element, attribute, traits));
        }
        if (filter instanceof Compare compare && compare.op() == CompareOp.EQ && compare.path().subAttribute() == null) {
            String name = compare.path().attribute();
            if (compare.value() instanceof StringLiteral text) {
                boolean isBoolean = traits.kind(attribute.withSubAttribute(name))
                        .filter(kind -> kind == AttributeKind.BOOLEAN).isPresent();
                if (isBoolean && (text.value().equalsIgnoreCase("true") || text.value().equalsIgnoreCase("false"))) {
                    element.put(name, Boolean.parseBoolean(text.value()));
                } else {
                    element.put(name, text.value());
                }
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
