package dev.scimgateway.scim.protocol.compat;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A filter or a PATCH path in strict RFC 7644 form: bare comparison values
 * ({@link UnquotedFilterValues}) become JSON strings, and OneLogin's URNs in attribute paths
 * ({@link OneLoginSchemaUrns}) the standard ones. It reads only as much of the grammar as it needs
 * to know where a value stands, after an attribute path and a comparison operator, and copies
 * everything else as written: text the strict parser refuses is refused all the same.
 */
final class FilterText {

    private static final Set<String> COMPARISONS = Set.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");
    private static final Set<String> CONNECTIVES = Set.of("and", "or", "not", "pr");

    private final String text;
    private final StringBuilder out;
    private int offset;
    /** The last two words read, most recent first; null once something other than a word came between. */
    private @Nullable String lastWord;
    private @Nullable String wordBefore;

    private FilterText(String text) {
        this.text = text;
        this.out = new StringBuilder(text.length() + 16);
    }

    static String strict(String text) {
        FilterText rewrite = new FilterText(text);
        rewrite.run();
        String strict = rewrite.out.toString();
        return strict.equals(text) ? text : strict;
    }

    private void run() {
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (Character.isWhitespace(c)) {
                out.append(c);
                offset++;
            } else if (c == '"') {
                copy(stringEnd());
            } else if (atValue() && c != ')' && c != ']') {
                value();
            } else if (isWordChar(c)) {
                word();
            } else {
                copy(offset + 1);
            }
        }
    }

    /** Where the strict parser reads a value: after an attribute path and a comparison operator. */
    private boolean atValue() {
        return lastWord != null && wordBefore != null && COMPARISONS.contains(lower(lastWord))
                && !COMPARISONS.contains(lower(wordBefore)) && !CONNECTIVES.contains(lower(wordBefore));
    }

    /** A value runs to the next space or closing bracket, as the strict lexer would need a bare one to. */
    private void value() {
        int end = offset;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != ')'
                && text.charAt(end) != ']') {
            end++;
        }
        String raw = text.substring(offset, end);
        if (UnquotedFilterValues.isBareString(raw)) {
            out.append(UnquotedFilterValues.quoted(raw));
            offset = end;
            forgetWords();
        } else {
            copy(end);
        }
    }

    private void word() {
        int end = offset;
        while (end < text.length() && isWordChar(text.charAt(end))) {
            end++;
        }
        String word = text.substring(offset, end);
        out.append(OneLoginSchemaUrns.standardizePath(word));
        offset = end;
        wordBefore = lastWord;
        lastWord = word;
    }

    /** The end of the JSON string starting at the offset: after its closing quote, or the text's end. */
    private int stringEnd() {
        int at = offset + 1;
        while (at < text.length() && text.charAt(at) != '"') {
            at += text.charAt(at) == '\\' ? 2 : 1;
        }
        return Math.min(at + 1, text.length());
    }

    private void copy(int end) {
        out.append(text, offset, end);
        offset = end;
        forgetWords();
    }

    private void forgetWords() {
        lastWord = null;
        wordBefore = null;
    }

    private static String lower(String word) {
        return word.toLowerCase(Locale.ROOT);
    }

    /** The characters of attribute paths, URNs and keywords, as the strict lexer reads them. */
    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == ':' || c == '.' || c == '$';
    }
}
