package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.AttrPath;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses PATCH paths (RFC 7644 §3.5.2): {@code PATH = attrPath / valuePath [subAttr]}. Shares
 * the lexer, attribute-name rules and value-filter rule with {@link FilterParser}; errors are
 * {@code invalidPath}.
 */
public final class PatchPathParser {

    /**
     * "urn:...:2.0:User" — a version segment just before the last name means the last name is a
     * resource type, not an attribute, so the whole text is a schema URN. Every IETF and common
     * vendor extension URN has this shape; callers that know the schemas use the predicate overload.
     */
    private static final Pattern VERSIONED_SCHEMA_URN =
            Pattern.compile("(?i)urn:.*:[0-9]+(\\.[0-9]+)*:[A-Za-z][A-Za-z0-9_-]*");

    private PatchPathParser() {
    }

    /** Parses with the built-in rule for telling a bare schema URN from a URN-qualified attribute. */
    public static PatchPath parse(String text) {
        return parse(text, PatchPathParser::looksLikeSchemaUrn);
    }

    /**
     * Parses, asking {@code isSchemaUrn} whether a URN-only path names a whole schema: only the
     * schema registry really knows whether "urn:x:User" is a schema or attribute "User" of "urn:x".
     */
    public static PatchPath parse(String text, Predicate<String> isSchemaUrn) {
        Syntax.PATH.checkText(text);
        Lexer lexer = new Lexer(text, Syntax.PATH);
        Token word = lexer.next();
        if (word.is(Token.Kind.WORD) && AttrPathReader.isUrn(word.raw())
                && lexer.peek().is(Token.Kind.END) && isSchemaUrn.test(word.raw())) {
            return PatchPath.wholeSchema(word.raw());
        }
        AttrPath attribute = AttrPathReader.read(word, Syntax.PATH);
        PatchPath path = lexer.peek().is(Token.Kind.LBRACKET)
                ? filtered(attribute, lexer)
                : PatchPath.of(attribute);
        Token end = lexer.next();
        if (!end.is(Token.Kind.END)) {
            throw Syntax.PATH.error(end.position(), "expected the end of the path but found " + end.describe());
        }
        return path;
    }

    static boolean looksLikeSchemaUrn(String urn) {
        return VERSIONED_SCHEMA_URN.matcher(urn).matches();
    }

    // valuePath [subAttr] = attrPath "[" valFilter "]" ["." ATTRNAME]
    private static PatchPath filtered(AttrPath attribute, Lexer lexer) {
        Token open = lexer.next();
        if (attribute.subAttribute() != null) {
            throw Syntax.PATH.error(open.position(),
                    "a value filter must follow an attribute, not the sub-attribute '" + attribute + "'");
        }
        FilterParser parser = new FilterParser(lexer);
        Filter filter = parser.valueFilter();
        parser.expect(Token.Kind.RBRACKET, "']' to close the '[' at position " + open.position());
        return new PatchPath(attribute, filter, subAttribute(lexer));
    }

    private static @Nullable String subAttribute(Lexer lexer) {
        Token next = lexer.peek();
        if (!next.is(Token.Kind.WORD) || !next.raw().startsWith(".")) {
            return null;
        }
        lexer.next();
        String sub = next.raw().substring(1);
        AttrPathReader.checkName(sub, next.position() + 1, Syntax.PATH);
        return sub;
    }
}
