package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.filter.Literal.BooleanLiteral;
import dev.scimgateway.scim.protocol.filter.Literal.NumberLiteral;
import dev.scimgateway.scim.protocol.filter.Literal.StringLiteral;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Compares one stored JSON value with a filter literal, by the attribute's SCIM type. A literal
 * the client got wrong is an {@code invalidFilter}; a stored value of the wrong shape simply does
 * not match, because that is not the client's fault.
 */
final class ValueComparison {

    private final AttrPath path;
    private final CompareOp op;
    private final Literal expected;

    ValueComparison(AttrPath path, CompareOp op, Literal expected) {
        this.path = path;
        this.op = op;
        this.expected = expected;
    }

    boolean test(JsonNode actual, AttributeKind kind, boolean caseExact) {
        return switch (kind) {
            case BOOLEAN -> booleans(actual);
            case INTEGER, DECIMAL -> numbers(actual);
            case DATE_TIME -> op.isSubstring() ? strings(actual, caseExact) : dateTimes(actual);
            default -> strings(actual, caseExact);
        };
    }

    /** Unknown attributes (no traits) are compared by the stored JSON type, so ad-hoc data still filters. */
    static AttributeKind inferKind(JsonNode actual) {
        if (actual.isNumber()) {
            return AttributeKind.DECIMAL;
        }
        return actual.isBoolean() ? AttributeKind.BOOLEAN : AttributeKind.STRING;
    }

    private boolean strings(JsonNode actual, boolean caseExact) {
        if (!actual.isValueNode()) {
            return false;
        }
        String left = actual.asString();
        String right = expected instanceof StringLiteral s ? s.value() : FilterPrinter.literal(expected);
        if (!caseExact) {
            left = left.toLowerCase(Locale.ROOT);
            right = right.toLowerCase(Locale.ROOT);
        }
        return switch (op) {
            case CO -> left.contains(right);
            case SW -> left.startsWith(right);
            case EW -> left.endsWith(right);
            default -> ordered(left.compareTo(right));
        };
    }

    private boolean booleans(JsonNode actual) {
        boolean right = expectedBoolean();
        Optional<Boolean> left = actual.isBoolean() ? Optional.of(actual.booleanValue()) : parseBoolean(actual);
        return left.isPresent() && ordered(Boolean.compare(left.get(), right));
    }

    private boolean expectedBoolean() {
        if (expected instanceof BooleanLiteral b) {
            return b.value();
        }
        // Entra ID writes booleans as strings ("True"); accepting them here costs nothing.
        if (expected instanceof StringLiteral s) {
            String v = s.value();
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(v);
            }
        }
        throw wrongLiteral("a boolean (true or false)");
    }

    private static Optional<Boolean> parseBoolean(JsonNode actual) {
        if (actual.isString() && (actual.stringValue().equalsIgnoreCase("true")
                || actual.stringValue().equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(actual.stringValue()));
        }
        return Optional.empty();
    }

    private boolean numbers(JsonNode actual) {
        if (!(expected instanceof NumberLiteral n)) {
            throw wrongLiteral("a number");
        }
        if (actual.isNumber()) {
            return ordered(actual.decimalValue().compareTo(n.value()));
        }
        if (actual.isString()) {
            try {
                return ordered(new BigDecimal(actual.stringValue()).compareTo(n.value()));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private boolean dateTimes(JsonNode actual) {
        Instant right = expectedInstant(path, expected);
        if (!actual.isString()) {
            return false;
        }
        return DateTimes.parse(actual.stringValue()).map(left -> ordered(left.compareTo(right))).orElse(false);
    }

    static Instant expectedInstant(AttrPath path, Literal literal) {
        if (literal instanceof StringLiteral s) {
            Optional<Instant> instant = DateTimes.parse(s.value());
            if (instant.isPresent()) {
                return instant.get();
            }
        }
        throw ScimException.invalidFilter("'" + path + "' is a dateTime, so it must be compared with an"
                + " ISO-8601 date-time string such as \"2011-05-13T04:42:34Z\", not "
                + FilterPrinter.literal(literal));
    }

    private boolean ordered(int comparison) {
        return switch (op) {
            case EQ -> comparison == 0;
            case NE -> comparison != 0;
            case GT -> comparison > 0;
            case GE -> comparison >= 0;
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
            default -> throw OperatorRules.mismatch(path, op, "not supported for this type");
        };
    }

    private ScimException wrongLiteral(String what) {
        return ScimException.invalidFilter("'" + path + "' must be compared with " + what + ", not "
                + FilterPrinter.literal(expected));
    }
}
