package dev.scimgateway.console;

import dev.scimgateway.crypto.RandomSecrets;
import dev.scimgateway.crypto.Sha256;
import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.tenancy.AdminPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Console sessions: a random cookie value in the browser, its hash in the database. The cookie is
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it) and Secure when
 * the console is served over https; the session ends after {@code idle} without use and
 * {@code absolute} after sign-in, and at once when its admin key is revoked.
 */
public final class ConsoleSessions {

    static final String COOKIE = "scim_console";
    private static final int SECRET_BYTES = 32;

    private final ConsoleSessionStore store;
    private final RandomSecrets random;
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final boolean httpsOrigin;

    /** @param httpsOrigin the public base URL is https: the cookie is Secure even where TLS ends in front of the gateway */
    public ConsoleSessions(ConsoleSessionStore store, RandomSecrets random, Clock clock, Duration idle, Duration absolute,
            boolean httpsOrigin) {
        this.store = store;
        this.random = random;
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
        this.httpsOrigin = httpsOrigin;
    }

    public Mono<Void> start(ServerWebExchange exchange, AdminPrincipal principal) {
        String secret = random.text("", SECRET_BYTES);
        Instant now = clock.instant();
        return store.start(Sha256.digest(secret), principal, now, now.minus(absolute))
                .then(Mono.fromRunnable(() -> exchange.getResponse().addCookie(cookie(exchange, secret, false))));
    }

    Mono<AdminPrincipal> resume(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        if (cookie == null || cookie.getValue().isEmpty()) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        return store.resume(Sha256.digest(cookie.getValue()), now, now.minus(absolute), now.minus(idle));
    }

    public Mono<Void> end(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        exchange.getResponse().addCookie(cookie(exchange, "", true));
        return cookie == null ? Mono.empty() : store.end(Sha256.digest(cookie.getValue()));
    }

    /** Whether cookies must be Secure: the public origin or this very request is https. */
    boolean secure(ServerWebExchange exchange) {
        return httpsOrigin || exchange.getRequest().getSslInfo() != null;
    }

    private ResponseCookie cookie(ServerWebExchange exchange, String value, boolean expired) {
        ResponseCookie.ResponseCookieBuilder builder = ResponseCookie.from(COOKIE, value)
                .httpOnly(true)
                .sameSite("Strict")
                .secure(secure(exchange))
                .path(BasePaths.CONSOLE);
        // A session cookie otherwise: it also ends with the browser, and the server ends it by its own clocks.
        return expired ? builder.maxAge(0).build() : builder.build();
    }
}
