package dev.scimgateway.sso;

import dev.scimgateway.scim.protocol.ScimException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Settings as an admin sent them (the admin API's JSON or the console's form), checked and brought
 * into one form here, so that both say the same about the same mistake.
 *
 * @param clientSecret null keeps the secret already stored
 */
public record SsoChange(String issuer, String clientId, @Nullable String clientSecret, @Nullable String displayName,
        List<String> allowedDomains, List<String> allowedEmails, @Nullable String groupsClaim, List<String> allowedGroups) {

    static final int MAX_ENTRIES = 1000;
    private static final int MAX_TEXT = 2000;
    private static final Pattern DOMAIN = Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@" + DOMAIN.pattern());

    /** The settings this change asks for; a 400 {@code invalidValue} saying what to change otherwise. */
    SsoSettings settings(String tenantId, java.time.Instant now) {
        String checkedIssuer = issuer(issuer);
        AllowedSignIns allowed = new AllowedSignIns(domains(allowedDomains), emails(allowedEmails), checkedGroupsClaim(),
                distinct("allowedGroups", allowedGroups, group -> group));
        if (allowed.isEmpty()) {
            throw ScimException.invalidValue("Say who may sign in: 'allowedDomains', 'allowedEmails' or 'allowedGroups'"
                    + " must name at least one; with none, no one could");
        }
        String name = displayName == null || displayName.isBlank() ? URI.create(checkedIssuer).getHost() : displayName.strip();
        return new SsoSettings(tenantId, checkedIssuer, text("clientId", clientId), limited("displayName", name, 100),
                allowed, now);
    }

    /** The secret to store, or null to keep the stored one. */
    @Nullable String secret() {
        return clientSecret == null || clientSecret.isEmpty() ? null : text("clientSecret", clientSecret);
    }

    /**
     * An https URL without query or fragment (OpenID Connect Discovery §3). Plain http only to this
     * machine: a provider a developer runs beside the gateway.
     */
    static String issuer(String issuer) {
        String text = text("issuer", issuer);
        try {
            URI uri = new URI(text);
            boolean loopback = "localhost".equalsIgnoreCase(uri.getHost()) || "127.0.0.1".equals(uri.getHost())
                    || "[::1]".equals(uri.getHost());
            if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()) && loopback)) {
                throw new URISyntaxException(text, "not an https URL without query or fragment");
            }
            return text;
        } catch (URISyntaxException e) {
            throw ScimException.invalidValue("'issuer' must be the provider's https URL, without query or fragment, such as"
                    + " https://example.okta.com");
        }
    }

    private String checkedGroupsClaim() {
        return groupsClaim == null || groupsClaim.isBlank() ? AllowedSignIns.DEFAULT_GROUPS_CLAIM
                : limited("groupsClaim", groupsClaim.strip(), 200);
    }

    private static List<String> domains(List<String> domains) {
        return distinct("allowedDomains", domains, domain -> {
            String bare = domain.startsWith("@") ? domain.substring(1) : domain;
            if (!DOMAIN.matcher(bare).matches()) {
                throw ScimException.invalidValue("'" + domain + "' in 'allowedDomains' is not a domain such as example.com");
            }
            return bare;
        });
    }

    private static List<String> emails(List<String> emails) {
        return distinct("allowedEmails", emails, email -> {
            if (!EMAIL.matcher(email).matches()) {
                throw ScimException.invalidValue("'" + email + "' in 'allowedEmails' is not an e-mail address");
            }
            return email;
        });
    }

    /** The entries stripped, blanks dropped, each once; e-mail addresses and domains in lower case. */
    private static List<String> distinct(String field, List<String> entries, java.util.function.UnaryOperator<String> check) {
        if (entries.size() > MAX_ENTRIES) {
            throw ScimException.invalidValue("'" + field + "' may hold " + MAX_ENTRIES + " entries at most");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String entry : entries) {
            String stripped = entry.strip();
            if (!stripped.isEmpty()) {
                String text = limited(field, stripped, 320);
                out.add(check.apply(field.equals("allowedGroups") ? text : text.toLowerCase(Locale.ROOT)));
            }
        }
        return new ArrayList<>(out);
    }

    private static String text(String field, String value) {
        if (value.isBlank()) {
            throw ScimException.invalidValue("'" + field + "' is required");
        }
        return limited(field, value.strip(), MAX_TEXT);
    }

    private static String limited(String field, String value, int max) {
        if (value.length() > max) {
            throw ScimException.invalidValue("'" + field + "' may be " + max + " characters long at most");
        }
        return value;
    }
}
