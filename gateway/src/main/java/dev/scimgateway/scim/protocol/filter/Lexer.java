package dev.scimgateway.scim.protocol.filter;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Splits filter and PATCH-path text into tokens. Attribute paths, keywords and operators are all
 * WORD tokens: which one a word is depends on where it stands, and only the parser knows that.
 * Unknown characters become OTHER tokens so the parser can say what it expected instead.
 */
final class Lexer {

    // RFC 8259 number; checked after a greedy scan so "1.2.3" is one bad token, not three.
    private static final Pattern JSON_NUMBER =
            Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final String text;
    private final Syntax syntax;
    private int offset;
    private @Nullable Token lookahead;

    Lexer(String text, Syntax syntax) {
        this.text = text;
        this.syntax = syntax;
    }

    Syntax syntax() {
        return syntax;
    }

    Token peek() {
        if (lookahead == null) {
            lookahead = scan();
        }
        return lookahead;
    }

    Token next() {
        Token t = peek();
        lookahead = null;
        return t;
    }

    private Token scan() {
        skipWhitespace();
        if (offset >= text.length()) {
            return new Token(Token.Kind.END, "", "", offset);
        }
        char c = text.charAt(offset);
        if (c == '"') {
            return string();
        }
        if (c == '-' || isDigit(c)) {
            return number();
        }
        if (isWordChar(c)) {
            return word();
        }
        return single(c);
    }

    private void skipWhitespace() {
        while (offset < text.length() && Character.isWhitespace(text.charAt(offset))) {
            offset++;
        }
    }

    private Token single(char c) {
        Token.Kind kind = switch (c) {
            case '(' -> Token.Kind.LPAREN;
            case ')' -> Token.Kind.RPAREN;
            case '[' -> Token.Kind.LBRACKET;
            case ']' -> Token.Kind.RBRACKET;
            default -> Token.Kind.OTHER;
        };
        int start = offset++;
        String raw = String.valueOf(c);
        return new Token(kind, raw, raw, start);
    }

    private Token word() {
        int start = offset;
        while (offset < text.length() && isWordChar(text.charAt(offset))) {
            offset++;
        }
        String raw = text.substring(start, offset);
        return new Token(Token.Kind.WORD, raw, raw, start);
    }

    private Token number() {
        int start = offset;
        while (offset < text.length() && isNumberChar(text.charAt(offset))) {
            offset++;
        }
        String raw = text.substring(start, offset);
        if (!JSON_NUMBER.matcher(raw).matches()
                || (offset < text.length() && isWordChar(text.charAt(offset)))) {
            throw syntax.error(start, "'" + raw + "' is not a valid JSON number");
        }
        return new Token(Token.Kind.NUMBER, raw, raw, start);
    }

    private Token string() {
        int start = offset++;
        StringBuilder value = new StringBuilder();
        while (offset < text.length()) {
            char c = text.charAt(offset++);
            if (c == '"') {
                return new Token(Token.Kind.STRING, text.substring(start, offset), value.toString(), start);
            }
            if (c == '\\') {
                value.append(escape());
            } else {
                value.append(c);
            }
        }
        throw syntax.error(start, "the string starting here is not closed with '\"'");
    }

    private char escape() {
        int at = offset - 1;
        if (offset >= text.length()) {
            throw syntax.error(at, "the string ends inside an escape sequence");
        }
        char c = text.charAt(offset++);
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicodeEscape(at);
            default -> throw syntax.error(at, "'\\" + c + "' is not a JSON escape sequence");
        };
    }

    private char unicodeEscape(int at) {
        if (offset + 4 > text.length()) {
            throw syntax.error(at, "'\\u' must be followed by four hex digits");
        }
        String hex = text.substring(offset, offset + 4);
        // parseInt alone would accept a leading sign.
        if (!hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
            throw syntax.error(at, "'\\u" + hex + "' is not a valid unicode escape");
        }
        offset += 4;
        char c = (char) Integer.parseInt(hex, 16);
        if (c == '\0') {
            throw syntax.nul(at);
        }
        return c;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNumberChar(char c) {
        return isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    /** Characters of attribute paths (incl. URNs, "$ref", ".sub") and of keywords. */
    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c)
                || c == '_' || c == '-' || c == ':' || c == '.' || c == '$';
    }
}
