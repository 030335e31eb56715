package dev.scimgateway.console;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.sso.OidcSignIn;
import dev.scimgateway.sso.SsoChange;
import dev.scimgateway.sso.SsoPaths;
import dev.scimgateway.sso.SsoRefusal;
import dev.scimgateway.sso.SsoSettings;
import dev.scimgateway.sso.TenantSso;
import dev.scimgateway.tenancy.AdminPrincipal;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Single sign-on in the console: the sign-in through a tenant's OpenID provider (start, and the
 * provider's answer at the callback), and the page where the tenant's admins set it up.
 *
 * <p>The pending sign-in rides in a cookie of its own, SameSite=Lax rather than Strict: the
 * provider's answer is a navigation from another site, and a Strict cookie would not come with it.
 * For the same reason the answer is a page that moves on by itself (a meta refresh, no script)
 * rather than a redirect: a redirect would still count as coming from the provider's site, and the
 * Strict session cookie just set would stay behind.
 */
final class SsoPages {

    static final String PENDING_COOKIE = "scim_console_sso";

    private final OidcSignIn signIn;
    private final TenantSso sso;
    private final SsoPaths paths;
    private final ConsoleSessions sessions;
    private final SignInThrottle throttle;
    private final ConsolePages pages;

    SsoPages(OidcSignIn signIn, TenantSso sso, SsoPaths paths, ConsoleSessions sessions, SignInThrottle throttle,
            ConsolePages pages) {
        this.signIn = signIn;
        this.sso = sso;
        this.paths = paths;
        this.sessions = sessions;
        this.throttle = throttle;
        this.pages = pages;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(SsoPaths.START, this::start)
                .GET(SsoPaths.CALLBACK, this::callback)
                .GET(ConsolePaths.SSO, request -> settingsPage(request, HttpStatus.OK, null, null))
                .POST(ConsolePaths.SSO, this::save)
                .POST(ConsolePaths.SSO_REMOVE, this::remove)
                .build();
    }

    /** The sign-in page's button for a tenant: its provider's name, or nothing when it has none. */
    Mono<String> providerName(String tenantId) {
        return signIn.providerName(tenantId);
    }

    private Mono<ServerResponse> start(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return signIn.start(tenantId, URI.create(paths.redirectUri(request, tenantId)))
                .flatMap(started -> {
                    request.exchange().getResponse().addCookie(pendingCookie(request.exchange(), started.pending(),
                            started.pendingFor()));
                    return ServerResponse.seeOther(started.authorization()).build();
                })
                .onErrorResume(SsoRefusal.class, refusal -> refused(request, refusal));
    }

    /**
     * The provider's answer. Refused answers count as failed sign-ins of the client's address, like
     * a wrong key: whoever started a sign-in knows its state, and each answer with a made-up code
     * would otherwise cost a request to the provider.
     */
    private Mono<ServerResponse> callback(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        HttpCookie pending = request.exchange().getRequest().getCookies().getFirst(PENDING_COOKIE);
        // Used once, whatever comes of it.
        request.exchange().getResponse().addCookie(pendingCookie(request.exchange(), "", Duration.ZERO));
        String address = ConsoleHandler.clientAddress(request);
        long wait = throttle.retryAfterSeconds(address);
        if (wait > 0) {
            request.exchange().getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(wait));
            return pages.render(request, HttpStatus.TOO_MANY_REQUESTS, "error", "Sign-in refused", List.of(),
                    ConsolePages.values("status", 429, "detail", "Too many failed sign-ins from your address; try again in "
                            + wait + " seconds."));
        }
        OidcSignIn.Answer answer = new OidcSignIn.Answer(query(request, "state"), query(request, "code"),
                query(request, "error"), query(request, "error_description"));
        return signIn.finish(tenantId, URI.create(paths.redirectUri(request, tenantId)),
                        pending == null || pending.getValue().isEmpty() ? null : pending.getValue(), answer)
                .flatMap(signedIn -> {
                    throttle.succeeded(address);
                    return sessions.start(request.exchange(), new AdminPrincipal(signedIn.tenantId(), null,
                                    signedIn.user().name()))
                            .then(pages.render(request, HttpStatus.OK, "signed-in", "Signed in", List.of(),
                                    ConsolePages.values(
                                            "who", signedIn.user().name(),
                                            "tenant", tenantId,
                                            "refresh", ConsolePaths.overview(tenantId))));
                })
                .onErrorResume(SsoRefusal.class, refusal -> {
                    // A provider that is down is nobody's failed sign-in.
                    if (refusal.status() < 500) {
                        throttle.failed(address);
                    }
                    return refused(request, refusal);
                });
    }

    private Mono<ServerResponse> settingsPage(ServerRequest request, HttpStatus status, @Nullable String error,
            @Nullable String saved) {
        String tenantId = request.pathVariable("tenantId");
        return sso.settings(tenantId)
                .map(SettingsForm::of)
                .defaultIfEmpty(SettingsForm.EMPTY)
                .flatMap(form -> settingsPage(request, status, form, error, saved))
                .onErrorResume(failure -> pages.failure(request, failure));
    }

    private Mono<ServerResponse> settingsPage(ServerRequest request, HttpStatus status, SettingsForm form,
            @Nullable String error, @Nullable String saved) {
        String tenantId = request.pathVariable("tenantId");
        return pages.render(request, status, "sso", "Single sign-on", Views.tenantNav(tenantId, "sso"),
                ConsolePages.values(
                        "tenant", tenantId,
                        "form", form,
                        "configured", form.configured() ? Boolean.TRUE : null,
                        "action", ConsolePaths.sso(tenantId),
                        "removeAction", ConsolePaths.ssoRemove(tenantId),
                        "redirectUri", paths.redirectUri(request, tenantId),
                        "signInUrl", paths.signInUrl(request, tenantId),
                        "error", error,
                        "saved", saved));
    }

    private Mono<ServerResponse> save(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return request.formData().flatMap(form -> Mono.fromCallable(() -> change(form))
                .flatMap(change -> sso.configure(tenantId, change))
                .flatMap(settings -> settingsPage(request, HttpStatus.OK, SettingsForm.of(settings), null,
                        "Saved. Admins can now sign in through " + settings.displayName() + "."))
                // Something to change: the form again as it was sent (without the secret), saying what.
                .onErrorResume(ScimException.class, e -> e.status() == 400
                        ? settingsPage(request, HttpStatus.BAD_REQUEST, SettingsForm.sent(form), e.detail(), null)
                        : pages.failure(request, e)));
    }

    private Mono<ServerResponse> remove(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return sso.remove(tenantId)
                .then(ConsolePages.redirect(ConsolePaths.sso(tenantId)))
                .onErrorResume(failure -> pages.failure(request, failure));
    }

    private Mono<ServerResponse> refused(ServerRequest request, SsoRefusal refusal) {
        return pages.render(request, HttpStatus.valueOf(refusal.status()), "error", "Sign-in refused", List.of(),
                ConsolePages.values("status", refusal.status(), "detail", refusal.detail()));
    }

    private ResponseCookie pendingCookie(ServerWebExchange exchange, String value, Duration maxAge) {
        return ResponseCookie.from(PENDING_COOKIE, value)
                .httpOnly(true)
                .sameSite("Lax")
                .secure(sessions.secure(exchange))
                .path(dev.scimgateway.edge.BasePaths.CONSOLE + "/sso")
                .maxAge(maxAge)
                .build();
    }

    private static @Nullable String query(ServerRequest request, String name) {
        return request.queryParam(name).orElse(null);
    }

    private static SsoChange change(MultiValueMap<String, String> form) {
        String secret = ConsolePages.text(form, "clientSecret");
        return new SsoChange(ConsolePages.text(form, "issuer"), ConsolePages.text(form, "clientId"),
                secret.isEmpty() ? null : secret, ConsolePages.text(form, "displayName"),
                words(ConsolePages.text(form, "allowedDomains")), words(ConsolePages.text(form, "allowedEmails")),
                ConsolePages.text(form, "groupsClaim"), lines(ConsolePages.text(form, "allowedGroups")));
    }

    /** Domains and addresses: separated by commas, spaces or new lines. */
    private static List<String> words(String text) {
        return Arrays.stream(text.split("[,\\s]+")).filter(word -> !word.isEmpty()).toList();
    }

    /** Group names may hold spaces: one per line. */
    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** The form's fields as text; the secret is never among them. */
    record SettingsForm(boolean configured, String issuer, String clientId, String displayName, String allowedDomains,
            String allowedEmails, String groupsClaim, String allowedGroups) {

        static final SettingsForm EMPTY = new SettingsForm(false, "", "", "", "", "", "groups", "");

        static SettingsForm of(SsoSettings settings) {
            return new SettingsForm(true, settings.issuer(), settings.clientId(), settings.displayName(),
                    String.join("\n", settings.allowed().domains()), String.join("\n", settings.allowed().emails()),
                    settings.allowed().groupsClaim(), String.join("\n", settings.allowed().groups()));
        }

        static SettingsForm sent(MultiValueMap<String, String> form) {
            return new SettingsForm(false, ConsolePages.text(form, "issuer"), ConsolePages.text(form, "clientId"),
                    ConsolePages.text(form, "displayName"), ConsolePages.text(form, "allowedDomains"),
                    ConsolePages.text(form, "allowedEmails"), ConsolePages.text(form, "groupsClaim"),
                    ConsolePages.text(form, "allowedGroups"));
        }
    }
}
