package dev.scimgateway.console;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's Mustache templates, read and compiled once at start-up so that no request reads a
 * file. Every {@code {{value}}} is HTML-escaped; no template uses the unescaped form, so text an IdP
 * sent (a userName, a group's name) can only ever show as text. A value a template names but the
 * model lacks is an error, not an empty string, so that a typo fails the tests.
 */
final class Templates {

    private static final String ROOT = "console/templates/";
    static final List<String> PAGES = List.of("sign-in", "tenants", "tokens", "token-created", "revoke", "error",
            "users", "user", "groups", "group", "admin-keys", "key-created", "activity", "sso", "signed-in", "consent",
            "oauth-clients", "oauth-client-created", "overview", "connect", "limits", "schemas", "schema-remove",
            "trusted-issuers");
    private static final List<String> PARTIALS = List.of("header", "footer", "pager");

    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    Templates() {
        Map<String, String> partials = new ConcurrentHashMap<>();
        PARTIALS.forEach(name -> partials.put(name, read(name)));
        Mustache.Compiler compiler = Mustache.compiler()
                .escapeHTML(true)
                .withLoader(name -> loaded(partials, name));
        PAGES.forEach(name -> compiled.put(name, compiler.compile(read(name))));
    }

    String render(String page, Object model) {
        Template template = compiled.get(page);
        if (template == null) {
            throw new IllegalArgumentException("No console template " + page);
        }
        return template.execute(model);
    }

    private static Reader loaded(Map<String, String> partials, String name) {
        String text = partials.get(name);
        if (text == null) {
            throw new IllegalArgumentException("No console partial " + name);
        }
        return new StringReader(text);
    }

    private static String read(String name) {
        String path = ROOT + name + ".mustache";
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing console template " + path);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                StringBuilder text = new StringBuilder();
                char[] buffer = new char[4096];
                for (int n; (n = reader.read(buffer)) > 0; ) {
                    text.append(buffer, 0, n);
                }
                return text.toString();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading console template " + path, e);
        }
    }
}
