package dev.scimgateway.tenancy;

import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Takes the token out of the Authorization header. Okta's "header auth" sends the bare token with
 * no scheme ({@code Authorization: eyJ...}), so both forms are accepted.
 */
final class BearerTokens {

    private static final String BEARER = "bearer ";

    private BearerTokens() {}

    static Optional<String> from(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            value = value.substring(BEARER.length()).strip();
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
