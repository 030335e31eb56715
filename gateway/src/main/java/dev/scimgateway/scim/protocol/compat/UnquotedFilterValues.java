package dev.scimgateway.scim.protocol.compat;

import java.util.Locale;
import java.util.Set;
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
final class UnquotedFilterValues {

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    /** What such values are made of: words, addresses, domains, dates. Anything else stays an error. */
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9@._:+-]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "pr", "eq", "ne", "co",
            "sw", "ew", "gt", "ge", "lt", "le");

    private UnquotedFilterValues() {}

    static boolean isBareString(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        // A literal with something glued to it ("truex") is a typo, not a word.
        boolean literal = lower.startsWith("true") || lower.startsWith("false") || lower.startsWith("null");
        // A leading digit must look like a date: "1and" or "12abc" stay malformed numbers.
        boolean numberLike = Character.isDigit(raw.charAt(0)) || raw.charAt(0) == '-';
        boolean dateLike = raw.matches("\\d{4}-\\d{2}-\\d{2}.*");
        return !literal && !KEYWORDS.contains(lower) && !JSON_NUMBER.matcher(raw).matches()
                && BARE.matcher(raw).matches() && (!numberLike || dateLike);
    }

    /** The JSON string a bare value spells; its characters need no escaping. */
    static String quoted(String bare) {
        return '"' + bare + '"';
    }
}
