package dev.scimgateway.scim.protocol.filter;

/**
 * One lexical unit. {@code raw} is the text as written (for error messages and keyword checks);
 * {@code value} is the decoded string for {@link Kind#STRING}, otherwise equal to raw.
 */
record Token(Kind kind, String raw, String value, int position) {

    enum Kind { WORD, STRING, NUMBER, LPAREN, RPAREN, LBRACKET, RBRACKET, OTHER, END }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isWord(String keyword) {
        return kind == Kind.WORD && raw.equalsIgnoreCase(keyword);
    }

    /** How the token reads in an error message. */
    String describe() {
        return kind == Kind.END ? "the end of the input" : "'" + raw + "'";
    }
}
