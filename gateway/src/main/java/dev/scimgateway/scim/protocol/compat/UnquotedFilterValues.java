package dev.scimgateway.scim.protocol.compat;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Comparison values without quotes. Microsoft's SCIM reference collection (and hand-written
 * scripts) send
 * <pre>GET /Users?filter=userName sw O
 * GET /Users?filter=meta.created gt 2015-10-10T14:38:21.8617979-07:00
 * GET /Users?filter=name.familyName eq Employee and (emails.value co example.com)</pre>
 * RFC 7644 §3.4.2.2 wants JSON literals there, but the meaning is unambiguous: a bare run of
 * characters up to the next space or closing bracket that is not {@code true}, {@code false},
 * {@code null} or a JSON number is read as the string it spells.
 */
public final class UnquotedFilterValues {

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private UnquotedFilterValues() {}

    public static boolean isBareString(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        boolean literal = lower.equals("true") || lower.equals("false") || lower.equals("null");
        char first = raw.charAt(0);
        return !literal && !JSON_NUMBER.matcher(raw).matches() && first != '(' && first != '[' && first != '"';
    }
}
