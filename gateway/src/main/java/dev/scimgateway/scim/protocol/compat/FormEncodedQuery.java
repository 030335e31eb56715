package dev.scimgateway.scim.protocol.compat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Query strings as real clients write them.
 *
 * <p>OneLogin sends {@code GET /Users?filter=userName+eq+%22jane%40example.com%22&} — spaces as
 * {@code +} (form encoding) and a trailing {@code &}; other clients send
 * {@code filter=userName%20eq%20%22jane+doe%40example.com%22}, where {@code +} is a literal plus
 * (RFC 3986). Every filter contains a space, so a value holding {@code +} but no encoded or
 * literal space must have been form-encoded, and its {@code +} are spaces. Empty pairs (the
 * trailing {@code &}, a trailing {@code ?}) are ignored. Parameter names match case-insensitively
 * ({@code startIndex}, {@code startindex}).
 */
public final class FormEncodedQuery {

    private final Map<String, List<String>> values;

    private FormEncodedQuery(Map<String, List<String>> values) {
        this.values = values;
    }

    public static FormEncodedQuery parse(@Nullable String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
            }
        }
        return new FormEncodedQuery(values);
    }

    /** Every parameter (lower-cased name) with its first value, in the order they came. */
    public Map<String, String> all() {
        Map<String, String> first = new LinkedHashMap<>();
        values.forEach((name, list) -> first.put(name, list.isEmpty() ? "" : list.get(0)));
        return first;
    }

    public @Nullable String first(String name) {
        List<String> found = values.get(name.toLowerCase(Locale.ROOT));
        return found == null || found.isEmpty() ? null : found.get(0);
    }

    private static String decode(String raw) {
        boolean formEncoded = raw.indexOf('+') >= 0 && !raw.contains("%20") && raw.indexOf(' ') < 0;
        String text = formEncoded ? raw : raw.replace("+", "%2B");
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A stray '%' is kept as written rather than rejecting the whole request.
            return raw;
        }
    }
}
