package dev.scimgateway.oauth;

import dev.scimgateway.scim.protocol.ScimException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A trust as an admin asked for it (the admin API's JSON or the console's form), checked here so
 * that both say the same about the same mistake.
 *
 * <p>The gateway fetches {@code jwksUri} from inside its network on behalf of whoever configured it,
 * so the address is held to what a public issuer publishes (server-side request forgery): https, a
 * host name or a public address, no credentials. This machine's own addresses are refused unless the
 * operator allows them (development and tests), and then plain http is allowed to them too. A host
 * name is not resolved here, as its address may change; the fetch follows no redirects and reads at
 * most a bounded body, which must parse as a JWK set and is never shown to anyone.
 */
public record TrustRequest(String issuer, List<String> audiences, String jwksUri, Map<String, String> requiredClaims) {

    static final int MAX_AUDIENCES = 20;
    static final int MAX_CLAIMS = 20;
    private static final int MAX_TEXT = 2000;
    private static final int MAX_CLAIM_NAME = 200;
    /** Claims the verification checks itself; a required value for them would contradict it. */
    private static final Set<String> CHECKED_CLAIMS = Set.of("iss", "aud", "exp", "nbf", "iat");
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "localhost.localdomain");
    private static final Pattern IP_LITERAL = Pattern.compile("\\[[0-9a-fA-F:.]+]|[0-9.]+");
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
            + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    /** The trust this request asks for; a 400 {@code invalidValue} that says what to change otherwise. */
    TrustedIssuer checked(UUID id, String tenantId, boolean loopbackAllowed, Instant now) {
        String checkedIssuer = text("issuer", issuer);
        if (checkedIssuer.chars().anyMatch(Character::isWhitespace)) {
            throw ScimException.invalidValue("'issuer' must be the issuer exactly as its JWTs' iss claim spells it,"
                    + " without spaces, such as https://sts.windows.net/<directory id>/");
        }
        return new TrustedIssuer(id, tenantId, checkedIssuer, checkedAudiences(), checkedJwksUri(loopbackAllowed),
                checkedClaims(), now);
    }

    private List<String> checkedAudiences() {
        Set<String> out = new LinkedHashSet<>();
        for (String audience : audiences) {
            if (!audience.isBlank()) {
                out.add(text("audiences", audience));
            }
        }
        if (out.isEmpty()) {
            throw ScimException.invalidValue("'audiences' must name at least one audience: a JWT is accepted only when"
                    + " its aud claim names one of them (for Entra: 8adf8e6e-67b2-4cf2-a259-e3dc5476c621)");
        }
        if (out.size() > MAX_AUDIENCES) {
            throw ScimException.invalidValue("'audiences' may name " + MAX_AUDIENCES + " audiences at most");
        }
        return List.copyOf(out);
    }

    private Map<String, String> checkedClaims() {
        if (requiredClaims.size() > MAX_CLAIMS) {
            throw ScimException.invalidValue("'requiredClaims' may name " + MAX_CLAIMS + " claims at most");
        }
        Map<String, String> out = new LinkedHashMap<>();
        requiredClaims.forEach((name, value) -> {
            String checkedName = limited("requiredClaims", text("requiredClaims", name), MAX_CLAIM_NAME);
            if (CHECKED_CLAIMS.contains(checkedName)) {
                throw ScimException.invalidValue("'requiredClaims' cannot name '" + checkedName + "': the trust's issuer,"
                        + " audiences and the JWT's times are checked anyway");
            }
            out.put(checkedName, text("requiredClaims." + checkedName, value));
        });
        return out;
    }

    private String checkedJwksUri(boolean loopbackAllowed) {
        String text = text("jwksUri", jwksUri);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw badJwksUri();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || uri.getRawUserInfo() != null || uri.getRawFragment() != null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw badJwksUri();
        }
        // The operator's exception covers this machine only, never its network's private or link-local addresses.
        boolean allowedLoopback = loopbackAllowed && isLoopback(host);
        if (isLocal(host) && !allowedLoopback) {
            throw ScimException.invalidValue("'jwksUri' names a loopback, private or link-local address; the gateway"
                    + " fetches keys only from a public issuer");
        }
        if (scheme.equals("http") && !allowedLoopback) {
            throw badJwksUri();
        }
        return text;
    }

    private static ScimException badJwksUri() {
        return ScimException.invalidValue("'jwksUri' must be the issuer's https URL of its keys, without credentials or"
                + " fragment, such as https://login.microsoftonline.com/<directory id>/discovery/v2.0/keys");
    }

    /** This machine, or an address literal that is not public. */
    private static boolean isLocal(String host) {
        if (LOOPBACK_NAMES.contains(host)) {
            return true;
        }
        if (!IP_LITERAL.matcher(host).matches()) {
            return false;
        }
        InetAddress address = literal(host);
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                // IPv6 unique local addresses (fc00::/7), which isSiteLocalAddress does not cover.
                || address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    private static boolean isLoopback(String host) {
        return LOOPBACK_NAMES.contains(host) || IP_LITERAL.matcher(host).matches() && literal(host).isLoopbackAddress();
    }

    /**
     * An address literal. Only the four-part dotted form of IPv4 is taken (the short forms such as
     * 127.1 are refused), and such a literal, like a bracketed IPv6 one, is parsed without asking DNS.
     */
    private static InetAddress literal(String host) {
        if (!host.startsWith("[") && !IPV4.matcher(host).matches()) {
            throw badJwksUri();
        }
        try {
            return InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw badJwksUri();
        }
    }

    private static String text(String field, String value) {
        if (value.isBlank()) {
            throw ScimException.invalidValue("'" + field + "' is required and must be a non-empty string");
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
