package dev.scimgateway.scim.protocol.filter;

import dev.scimgateway.scim.protocol.AttrPath;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Turns a WORD token into an {@link AttrPath} (RFC 7644 §3.10 {@code attrPath}). A schema URN
 * itself contains ':' and '.' ("...:2.0:User"), so the URN is everything up to the last ':' and
 * only the rest is split into attribute and sub-attribute.
 */
final class AttrPathReader {

    private static final String URN_PREFIX = "urn:";

    private AttrPathReader() {
    }

    static AttrPath read(Token word, Syntax syntax) {
        if (!word.is(Token.Kind.WORD)) {
            throw syntax.error(word.position(), "expected an attribute name but found " + word.describe());
        }
        String raw = word.raw();
        int nameStart = isUrn(raw) ? raw.lastIndexOf(':') + 1 : 0;
        String urn = nameStart == 0 ? null : raw.substring(0, nameStart - 1);
        return names(urn, raw.substring(nameStart), word.position() + nameStart, syntax);
    }

    static boolean isUrn(String raw) {
        return raw.toLowerCase(Locale.ROOT).startsWith(URN_PREFIX);
    }

    private static AttrPath names(@Nullable String urn, String names, int position, Syntax syntax) {
        int dot = names.indexOf('.');
        String attribute = dot < 0 ? names : names.substring(0, dot);
        checkName(attribute, position, syntax);
        if (dot < 0) {
            return new AttrPath(urn, attribute, null);
        }
        String sub = names.substring(dot + 1);
        checkName(sub, position + dot + 1, syntax);
        return new AttrPath(urn, attribute, sub);
    }

    /**
     * RFC 7643 ATTRNAME: ALPHA *(ALPHA / DIGIT / "-" / "_"), plus "$ref", which the RFC uses as
     * a sub-attribute name although the grammar forgets it.
     */
    static void checkName(String name, int position, Syntax syntax) {
        if (name.equals("$ref")) {
            return;
        }
        if (name.isEmpty()) {
            throw syntax.error(position, "expected an attribute name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean allowed = letter || (i > 0 && ((c >= '0' && c <= '9') || c == '-' || c == '_'));
            if (!allowed) {
                throw syntax.error(position + i,
                        "'" + c + "' is not allowed in attribute name '" + name + "'");
            }
        }
    }
}
