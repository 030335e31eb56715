package dev.scimgateway.oauth;

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
 * The redirect URIs a client registers: absolute, https (plain http for loopback only, for tools
 * on the admin's own machine), no fragment (RFC 6749 §3.1.2). An authorization request's URI must
 * equal one of them exactly, character for character.
 */
final class RedirectUris {

    /**
     * Okta's OIN callback for an app in each of its cells; an app's name fills in the path. The
     * operator or admin gives {@code "oktaApp": "<appName>"} and gets all four.
     */
    static final List<String> OKTA_HOSTS = List.of("system-admin.okta.com", "system-admin.okta-emea.com",
            "system-admin.oktapreview.com", "system-admin.trexcloud.com");
    private static final Pattern OKTA_APP = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final int MAX_URIS = 20;
    private static final int MAX_LENGTH = 2000;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private RedirectUris() {}

    static List<String> okta(String appName) {
        if (!OKTA_APP.matcher(appName).matches()) {
            throw ScimException.invalidValue("'oktaApp' must be the app's name in Okta's OIN: letters, digits, '_' and '-'");
        }
        return OKTA_HOSTS.stream().map(host -> "https://" + host + "/admin/app/cpc/" + appName + "/oauth/callback").toList();
    }

    /** The URIs given and those of the Okta preset, checked, without repeats. */
    static List<String> registered(List<String> given, @Nullable String oktaApp) {
        Set<String> uris = new LinkedHashSet<>(given);
        if (oktaApp != null) {
            uris.addAll(okta(oktaApp));
        }
        if (uris.size() > MAX_URIS) {
            throw ScimException.invalidValue("A client has at most " + MAX_URIS + " redirect URIs");
        }
        uris.forEach(RedirectUris::check);
        return new ArrayList<>(uris);
    }

    private static void check(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw ScimException.invalidValue("Redirect URI '" + uri + "' is not a URI");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        String host = parsed.getHost();
        boolean loopback = host != null && LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
        if (uri.length() > MAX_LENGTH || host == null || parsed.getFragment() != null || parsed.getUserInfo() != null
                || !(scheme.equals("https") || (scheme.equals("http") && loopback))) {
            throw ScimException.invalidValue("Redirect URI '" + uri + "' must be an absolute https URI without a"
                    + " fragment (plain http only for localhost)");
        }
    }

    /** The origin a consent form may post on to: where the browser is sent back after it. */
    static String origin(String uri) {
        URI parsed = URI.create(uri);
        return parsed.getScheme() + "://" + parsed.getRawAuthority();
    }
}
