package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.filter.Literal.BooleanLiteral;
import dev.scimgateway.scim.protocol.filter.Literal.NumberLiteral;
import dev.scimgateway.scim.protocol.filter.Literal.StringLiteral;
import java.util.List;

/**
 * Prints a filter in canonical form: lower-case keywords, single spaces, JSON literals, and
 * parentheses exactly where the parser's precedence and left-associativity would otherwise build
 * a different tree. {@code FilterParser.parse(print(f)).equals(f)} holds for every tree the parser
 * can produce.
 */
public final class FilterPrinter implements FilterVisitor<String> {

    private static final FilterPrinter INSTANCE = new FilterPrinter();

    private static final int OR = 1;
    private static final int AND = 2;
    private static final int ATOM = 3;

    private FilterPrinter() {
    }

    public static String print(Filter filter) {
        return filter.accept(INSTANCE);
    }

    /**
     * A chain is printed flat (see {@link Or#chain()}). Operands after the first must bind tighter,
     * or "a or (b or c)" would re-parse as "(a or b) or c".
     */
    @Override
    public String visitOr(Or or) {
        return chain(or.chain(), " or ", OR, AND);
    }

    @Override
    public String visitAnd(And and) {
        return chain(and.chain(), " and ", AND, ATOM);
    }

    private String chain(List<Filter> operands, String keyword, int first, int rest) {
        StringBuilder text = new StringBuilder(operand(operands.get(0), first));
        for (Filter next : operands.subList(1, operands.size())) {
            text.append(keyword).append(operand(next, rest));
        }
        return text.toString();
    }

    @Override
    public String visitNot(Not not) {
        return "not (" + not.inner().accept(this) + ")";
    }

    @Override
    public String visitCompare(Compare compare) {
        return compare.path() + " " + compare.op().wireName() + " " + literal(compare.value());
    }

    @Override
    public String visitPresent(Present present) {
        return present.path() + " pr";
    }

    @Override
    public String visitValuePath(ValuePath valuePath) {
        return valuePath.path() + "[" + valuePath.inner().accept(this) + "]";
    }

    private String operand(Filter child, int minimumPrecedence) {
        String text = child.accept(this);
        return precedence(child) < minimumPrecedence ? "(" + text + ")" : text;
    }

    private static int precedence(Filter f) {
        if (f instanceof Or) {
            return OR;
        }
        return f instanceof And ? AND : ATOM;
    }

    static String literal(Literal literal) {
        if (literal instanceof StringLiteral s) {
            return quote(s.value());
        }
        if (literal instanceof NumberLiteral n) {
            // toString, not toPlainString: it keeps the scale, so the number re-parses equal.
            return n.value().toString();
        }
        if (literal instanceof BooleanLiteral b) {
            return Boolean.toString(b.value());
        }
        return "null";
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
