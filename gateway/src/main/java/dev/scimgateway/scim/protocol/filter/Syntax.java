package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.NulCharacters;
import dev.scimgateway.scim.protocol.ScimException;
import java.util.function.Function;

/**
 * Which language is being read decides the scimType of errors: the same lexer and attribute
 * reader serve filters ({@code invalidFilter}) and PATCH paths ({@code invalidPath}).
 */
enum Syntax {
    FILTER("Invalid filter", ScimException::invalidFilter),
    PATH("Invalid path", ScimException::invalidPath);

    /** Longer input is abuse, not a real IdP filter; refusing early bounds parse cost. */
    static final int MAX_LENGTH = 65_536;

    private final String prefix;
    private final Function<String, ScimException> factory;

    Syntax(String prefix, Function<String, ScimException> factory) {
        this.prefix = prefix;
        this.factory = factory;
    }

    /** Positions are 0-based character offsets into the text the client sent. */
    ScimException error(int position, String problem) {
        return factory.apply(prefix + " at position " + position + ": " + problem);
    }

    /** Checks what holds for the text as a whole, before it is read: its length and that it holds no NUL. */
    void checkText(String text) {
        if (text.length() > MAX_LENGTH) {
            throw error(MAX_LENGTH, "longer than the maximum of " + MAX_LENGTH + " characters");
        }
        if (text.isBlank()) {
            throw error(0, "it is empty");
        }
        if (NulCharacters.in(text)) {
            throw nul(text.indexOf('\0'));
        }
    }

    /** A NUL, raw or escaped as a unicode escape, could never match or name a stored value (see NulCharacters). */
    ScimException nul(int position) {
        return error(position, "a NUL character (\\u0000) cannot appear here; no stored value can hold one");
    }
}
