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
 * An {@code add} whose path filters a multi-valued attribute that holds no matching value, such as
 * <pre>{"op":"add","path":"emails[type eq \"work\"].value","value":"ann@example.com"}</pre>
 * on a user without a work e-mail. RFC 7644 §3.5.2.1 says that when the target location does not
 * exist, "the attribute and value are added": when the filter is made of {@code eq} comparisons
 * joined by {@code and}, it names the value exactly, so a new value with those sub-attributes is
 * added, and the operation applies to it. A filter that names no value ({@code co}, {@code or},
 * {@code ne}, ...) has no target: 400 noTarget (§3.12). A {@code replace} never adds (§3.5.2.3).
 */
final class ValueNamedByFilter {

    private ValueNamedByFilter() {}

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
