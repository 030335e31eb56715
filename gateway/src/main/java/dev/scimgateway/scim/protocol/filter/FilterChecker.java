package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits;
import dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.filter.Literal.BooleanLiteral;
import dev.scimgateway.scim.protocol.filter.Literal.NullLiteral;
import dev.scimgateway.scim.protocol.filter.Literal.NumberLiteral;
import dev.scimgateway.scim.protocol.filter.Literal.StringLiteral;
import org.jspecify.annotations.Nullable;

/**
 * Validates a parsed filter against the resource type's attributes before it reaches a store, so
 * that a typo or a type mismatch is a 400 naming the culprit rather than an empty result or a
 * SQL error. Stricter than the evaluator: literals must have the attribute's JSON type.
 */
public final class FilterChecker implements FilterVisitor<Filter> {

    private final AttributeTraits traits;
    private final @Nullable AttrPath parent;

    private FilterChecker(AttributeTraits traits, @Nullable AttrPath parent) {
        this.traits = traits;
        this.parent = parent;
    }

    /** Returns {@code filter} unchanged, or throws invalidFilter naming the offending part. */
    public static Filter check(Filter filter, AttributeTraits traits) {
        return filter.accept(new FilterChecker(traits, null));
    }

    /** Chains are walked flat (see {@link And#chain()}). */
    @Override
    public Filter visitAnd(And and) {
        and.chain().forEach(operand -> operand.accept(this));
        return and;
    }

    @Override
    public Filter visitOr(Or or) {
        or.chain().forEach(operand -> operand.accept(this));
        return or;
    }

    @Override
    public Filter visitNot(Not not) {
        not.inner().accept(this);
        return not;
    }

    @Override
    public Filter visitPresent(Present present) {
        kindOf(present.path());
        return present;
    }

    @Override
    public Filter visitCompare(Compare compare) {
        AttrPath path = comparable(compare.path());
        AttributeKind kind = kindOf(path);
        OperatorRules.checkOperator(fullPath(path), kind, compare.op(), compare.value());
        checkLiteral(fullPath(path), kind, compare);
        return compare;
    }

    @Override
    public Filter visitValuePath(ValuePath valuePath) {
        AttrPath path = valuePath.path();
        if (parent != null) {
            throw ScimException.invalidFilter("Value filters '[...]' cannot be nested inside '" + parent + "[...]'");
        }
        AttributeKind kind = kindOf(path);
        if (kind != AttributeKind.COMPLEX && !traits.multiValued(path)) {
            throw ScimException.invalidFilter("'" + path + "' is neither multi-valued nor complex,"
                    + " so '[...]' cannot filter its values");
        }
        valuePath.inner().accept(new FilterChecker(traits, path));
        return valuePath;
    }

    /** RFC 7644 compares a complex attribute written alone ("emails co x") through its "value". */
    private AttrPath comparable(AttrPath path) {
        if (parent != null || path.subAttribute() != null || kindOf(path) != AttributeKind.COMPLEX) {
            return path;
        }
        AttrPath value = path.withSubAttribute("value");
        if (traits.kind(value).isEmpty()) {
            throw ScimException.invalidFilter("'" + path + "' is complex and has no 'value' sub-attribute;"
                    + " compare one of its sub-attributes instead");
        }
        return value;
    }

    private AttributeKind kindOf(AttrPath path) {
        AttrPath full = fullPath(path);
        return traits.kind(full).orElseThrow(() ->
                ScimException.invalidFilter("Unknown attribute '" + full + "' in filter"));
    }

    /** Paths inside {@code emails[...]} are relative; the schema knows them as {@code emails.type}. */
    private AttrPath fullPath(AttrPath path) {
        return parent == null ? path : ElementPaths.schemaPath(parent, path, traits);
    }

    private static void checkLiteral(AttrPath path, AttributeKind kind, Compare compare) {
        Literal value = compare.value();
        if (value instanceof NullLiteral) {
            return;
        }
        boolean fits = switch (kind) {
            case BOOLEAN -> value instanceof BooleanLiteral;
            case INTEGER -> value instanceof NumberLiteral n && isIntegral(n);
            case DECIMAL -> value instanceof NumberLiteral;
            case DATE_TIME -> value instanceof StringLiteral
                    && (compare.op().isSubstring() || ValueComparison.expectedInstant(path, value) != null);
            default -> value instanceof StringLiteral;
        };
        if (!fits) {
            throw ScimException.invalidFilter("'" + path + "' is of type " + typeName(kind) + " and cannot be"
                    + " compared with " + FilterPrinter.literal(value) + " in '" + FilterPrinter.print(compare) + "'");
        }
    }

    private static boolean isIntegral(NumberLiteral n) {
        return n.value().signum() == 0 || n.value().stripTrailingZeros().scale() <= 0;
    }

    private static String typeName(AttributeKind kind) {
        return switch (kind) {
            case DATE_TIME -> "dateTime";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
