package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits;
import dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.filter.Literal.NullLiteral;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The evaluating visitor. {@code parent} is null at the resource level and names the
 * multi-valued attribute when evaluating inside {@code attr[...]}, where paths are relative.
 */
final class ResourceMatcher implements FilterVisitor<Boolean> {

    private static final String VALUE = "value";

    private final JsonNode node;
    private final @Nullable AttrPath parent;
    private final AttributeTraits traits;

    ResourceMatcher(JsonNode node, @Nullable AttrPath parent, AttributeTraits traits) {
        this.node = node;
        this.parent = parent;
        this.traits = traits;
    }

    /** Chains are walked flat (see {@link And#chain()}); evaluation still stops at the first decisive operand. */
    @Override
    public Boolean visitAnd(And and) {
        return and.chain().stream().allMatch(operand -> operand.accept(this));
    }

    @Override
    public Boolean visitOr(Or or) {
        return or.chain().stream().anyMatch(operand -> operand.accept(this));
    }

    @Override
    public Boolean visitNot(Not not) {
        return !not.inner().accept(this);
    }

    @Override
    public Boolean visitPresent(Present present) {
        return values(present.path()).stream().anyMatch(JsonValues::isPresent);
    }

    @Override
    public Boolean visitCompare(Compare compare) {
        AttrPath path = impliedValue(compare.path());
        AttrPath traitsPath = traitsPath(path);
        Optional<AttributeKind> kind = traits.kind(traitsPath);
        kind.ifPresent(k -> OperatorRules.checkOperator(path, k, compare.op(), compare.value()));
        List<JsonNode> values = values(path);
        if (compare.value() instanceof NullLiteral) {
            // "eq null" asks for absence: JSON null and absent are the same thing in SCIM.
            boolean present = values.stream().anyMatch(JsonValues::isPresent);
            return compare.op() == CompareOp.EQ ? !present : present;
        }
        boolean caseExact = traits.caseExact(traitsPath);
        // "ne" on a multi-valued attribute means no value equals, so it is the negation of "eq".
        CompareOp op = compare.op() == CompareOp.NE ? CompareOp.EQ : compare.op();
        ValueComparison comparison = new ValueComparison(path, op, compare.value());
        boolean any = values.stream().anyMatch(v ->
                comparison.test(v, kind.orElseGet(() -> ValueComparison.inferKind(v)), caseExact));
        return compare.op() == CompareOp.NE ? !any : any;
    }

    @Override
    public Boolean visitValuePath(ValuePath valuePath) {
        if (parent != null) {
            throw ScimException.invalidFilter("Value filters '[...]' cannot be nested inside '" + parent + "[...]'");
        }
        AttrPath path = valuePath.path();
        JsonNode container = JsonValues.schemaContainer(node, located(path));
        return JsonValues.values(container, path.attribute(), path.subAttribute()).stream()
                .anyMatch(element -> valuePath.inner().accept(new ResourceMatcher(element, path, traits)));
    }

    /** RFC 7644: a filter on a complex attribute without a sub-attribute ("emails co x") means its "value". */
    private AttrPath impliedValue(AttrPath path) {
        if (parent != null || path.subAttribute() != null) {
            return path;
        }
        boolean complex = traits.kind(path).filter(k -> k == AttributeKind.COMPLEX).isPresent();
        AttrPath value = path.withSubAttribute(VALUE);
        // Without a known "value" the path stays complex, and the operator rules reject it.
        return complex && traits.kind(value).isPresent() ? value : path;
    }

    /**
     * Where the value lives: an extension attribute named without its URN ("employeeNumber", as some
     * clients write it) is still in the extension's object, where SQL looks too.
     */
    private AttrPath located(AttrPath path) {
        return traits.canonicalPath(path).filter(canonical -> canonical.schemaUrn() != null).orElse(path);
    }

    /** Inside {@code emails[...]}, "type" is known to the schema as "emails.type". */
    private AttrPath traitsPath(AttrPath path) {
        return parent == null ? path : ElementPaths.schemaPath(parent, path, traits);
    }

    private List<JsonNode> values(AttrPath path) {
        if (parent == null) {
            JsonNode container = JsonValues.schemaContainer(node, located(path));
            return JsonValues.values(container, path.attribute(), path.subAttribute());
        }
        if (!node.isObject() && path.attribute().equalsIgnoreCase(VALUE) && path.subAttribute() == null) {
            // Elements of a simple multi-valued attribute are their own "value".
            return List.of(node);
        }
        return JsonValues.values(node, path.attribute(), path.subAttribute());
    }
}
