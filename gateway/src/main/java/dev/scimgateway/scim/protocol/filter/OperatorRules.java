package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.filter.Literal.NullLiteral;

/**
 * Which operators a SCIM type admits (RFC 7644 §3.4.2.2). Shared by the evaluator and the
 * checker so a filter the checker accepts never fails evaluation on an operator rule.
 */
final class OperatorRules {

    private OperatorRules() {
    }

    static void checkOperator(AttrPath path, AttributeKind kind, CompareOp op, Literal value) {
        if (value instanceof NullLiteral) {
            if (op != CompareOp.EQ && op != CompareOp.NE) {
                throw mismatch(path, op, "null can only be compared with 'eq' or 'ne'");
            }
            return;
        }
        switch (kind) {
            case BOOLEAN -> {
                if (op != CompareOp.EQ && op != CompareOp.NE) {
                    throw mismatch(path, op, "boolean attributes only support 'eq', 'ne' and 'pr'");
                }
            }
            case BINARY -> {
                if (op.isOrdering()) {
                    throw mismatch(path, op, "binary attributes cannot be ordered");
                }
            }
            case INTEGER, DECIMAL -> {
                if (op.isSubstring()) {
                    throw mismatch(path, op, "numeric attributes do not support substring operators");
                }
            }
            case COMPLEX -> throw mismatch(path, op,
                    "a complex attribute cannot be compared; name a sub-attribute or use '[...]'");
            default -> {
                // STRING, REFERENCE and DATE_TIME admit every operator.
            }
        }
    }

    static ScimException mismatch(AttrPath path, CompareOp op, String why) {
        return ScimException.invalidFilter(
                "Operator '" + op.wireName() + "' cannot be applied to '" + path + "': " + why);
    }
}
