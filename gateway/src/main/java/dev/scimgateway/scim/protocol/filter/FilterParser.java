package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.filter.Literal.BooleanLiteral;
import dev.scimgateway.scim.protocol.filter.Literal.NullLiteral;
import dev.scimgateway.scim.protocol.filter.Literal.NumberLiteral;
import dev.scimgateway.scim.protocol.filter.Literal.StringLiteral;
import java.math.BigDecimal;
import java.util.function.Supplier;

/**
 * Recursive-descent parser for RFC 7644 §3.4.2.2 filters, one method per grammar rule.
 * Precedence is encoded by the rule nesting (or → and → unary), so {@code not} binds tightest,
 * then {@code and}, then {@code or}; and/or chains are loops, which makes them left-associative
 * and keeps the Java stack flat. Only parentheses, {@code not} and brackets recurse, and those
 * are counted against {@link #MAX_DEPTH}. The trees those loops build are as deep as the chain is
 * long, so comparisons are counted against {@link #MAX_COMPARISONS}; walkers of and/or chains
 * ({@link And#chain()}, {@link Or#chain()}) iterate rather than recurse.
 */
public final class FilterParser {

    /** Deeper nesting is abuse, not a real IdP filter; the limit keeps recursion far from the stack's end. */
    static final int MAX_DEPTH = 50;

    /**
     * Real IdP filters hold a handful of comparisons; a thousand still fits a client that looks up a
     * page of ids joined with "or", and bounds both the SQL a filter becomes and the tree's depth.
     */
    static final int MAX_COMPARISONS = 1000;

    private static final String OPERATORS = "(eq, ne, co, sw, ew, gt, ge, lt, le, pr)";

    private final Lexer lexer;
    private int depth;
    private int comparisons;
    private boolean insideValuePath;

    FilterParser(Lexer lexer) {
        this.lexer = lexer;
    }

    /** Parses a whole filter; every syntax error is a {@code ScimException} with scimType invalidFilter. */
    public static Filter parse(String text) {
        Syntax.FILTER.checkText(text);
        FilterParser parser = new FilterParser(new Lexer(text, Syntax.FILTER));
        Filter filter = parser.filter();
        parser.expect(Token.Kind.END, "'and', 'or' or the end of the filter");
        return filter;
    }

    /** The {@code valFilter} between brackets; used by PATCH paths, which share the lexer. */
    Filter valueFilter() {
        boolean outer = insideValuePath;
        insideValuePath = true;
        try {
            return filter();
        } finally {
            insideValuePath = outer;
        }
    }

    // FILTER = andExpression *("or" andExpression)
    private Filter filter() {
        Filter left = andExpression();
        while (lexer.peek().isWord("or")) {
            lexer.next();
            left = new Or(left, andExpression());
        }
        return left;
    }

    // andExpression = unary *("and" unary)
    private Filter andExpression() {
        Filter left = unary();
        while (lexer.peek().isWord("and")) {
            lexer.next();
            left = new And(left, unary());
        }
        return left;
    }

    // unary = "not" "(" FILTER ")" / "(" FILTER ")" / attrExp / valuePath
    private Filter unary() {
        Token t = lexer.peek();
        if (t.is(Token.Kind.LPAREN)) {
            return nested(t, this::group);
        }
        if (t.isWord("not")) {
            return nested(t, this::negation);
        }
        if (t.is(Token.Kind.WORD)) {
            return attributeExpression();
        }
        throw lexer.syntax().error(t.position(),
                "expected an attribute name, '(' or 'not' but found " + t.describe());
    }

    // "(" FILTER ")"
    private Filter group() {
        Token open = lexer.next();
        Filter inner = filter();
        expect(Token.Kind.RPAREN, "')' to close the '(' at position " + open.position());
        return inner;
    }

    // "not" "(" FILTER ")": RFC 7644 requires the parentheses, so "not" alone is an error.
    private Filter negation() {
        Token not = lexer.next();
        Token open = lexer.next();
        if (!open.is(Token.Kind.LPAREN)) {
            throw lexer.syntax().error(open.position(),
                    "expected '(' after '" + not.raw() + "' but found " + open.describe());
        }
        Filter inner = filter();
        expect(Token.Kind.RPAREN, "')' to close the '(' at position " + open.position());
        return new Not(inner);
    }

    // attrExp = attrPath SP "pr" / attrPath SP compareOp SP compValue; valuePath = attrPath "[" valFilter "]"
    private Filter attributeExpression() {
        Token pathToken = lexer.next();
        AttrPath path = AttrPathReader.read(pathToken, lexer.syntax());
        if (lexer.peek().is(Token.Kind.LBRACKET)) {
            return nested(lexer.peek(), () -> valuePath(path));
        }
        return comparison(path, pathToken);
    }

    private Filter valuePath(AttrPath path) {
        Token open = lexer.next();
        if (insideValuePath) {
            throw lexer.syntax().error(open.position(), "value filters '[...]' cannot be nested");
        }
        Filter inner = valueFilter();
        expect(Token.Kind.RBRACKET, "']' to close the '[' at position " + open.position());
        return subAttributeAfterBracket(new ValuePath(path, inner));
    }

    /**
     * Entra ID sends {@code emails[type eq "work"].value eq "x"} when a customer maps the matching
     * attribute that way. It is not RFC grammar, but it can only mean "an element with type work
     * and value x", so it becomes {@code emails[type eq "work" and value eq "x"]}.
     */
    private Filter subAttributeAfterBracket(ValuePath valuePath) {
        Token next = lexer.peek();
        if (!next.is(Token.Kind.WORD) || !next.raw().startsWith(".")) {
            return valuePath;
        }
        lexer.next();
        String sub = next.raw().substring(1);
        AttrPathReader.checkName(sub, next.position() + 1, lexer.syntax());
        Filter subFilter = comparison(AttrPath.of(sub), next);
        return new ValuePath(valuePath.path(), new And(valuePath.inner(), subFilter));
    }

    // "pr" / compareOp SP compValue
    private Filter comparison(AttrPath path, Token pathToken) {
        if (++comparisons > MAX_COMPARISONS) {
            throw lexer.syntax().error(pathToken.position(), "more than " + MAX_COMPARISONS
                    + " comparisons, the most one filter may hold; split it into several requests");
        }
        Token opToken = lexer.next();
        if (opToken.isWord("pr")) {
            return new Present(path);
        }
        CompareOp op = opToken.is(Token.Kind.WORD) ? CompareOp.fromWire(opToken.raw()) : null;
        if (op == null) {
            throw lexer.syntax().error(opToken.position(), "expected a comparison operator " + OPERATORS
                    + " after '" + pathToken.raw() + "' but found " + opToken.describe());
        }
        return new Compare(path, op, literal(opToken));
    }

    // compValue = false / null / true / number / string
    private Literal literal(Token opToken) {
        Token t = lexer.next();
        switch (t.kind()) {
            case STRING:
                return new StringLiteral(t.value());
            case NUMBER:
                return new NumberLiteral(new BigDecimal(t.raw()));
            case WORD:
                if (t.isWord("true") || t.isWord("false")) {
                    return new BooleanLiteral(t.isWord("true"));
                }
                if (t.isWord("null")) {
                    return NullLiteral.INSTANCE;
                }
                break;
            default:
                break;
        }
        throw lexer.syntax().error(t.position(), "expected a value (a \"string\", a number, true, false or null)"
                + " after '" + opToken.raw() + "' but found " + t.describe());
    }

    private Filter nested(Token at, Supplier<Filter> rule) {
        if (++depth > MAX_DEPTH) {
            throw lexer.syntax().error(at.position(), "nested deeper than " + MAX_DEPTH + " levels");
        }
        try {
            return rule.get();
        } finally {
            depth--;
        }
    }

    Token expect(Token.Kind kind, String what) {
        Token t = lexer.next();
        if (!t.is(kind)) {
            throw lexer.syntax().error(t.position(), "expected " + what + " but found " + t.describe());
        }
        return t;
    }
}
