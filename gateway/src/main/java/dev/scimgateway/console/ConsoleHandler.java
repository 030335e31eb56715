package dev.scimgateway.console;

import dev.scimgateway.scim.web.ScimResponses;
import dev.scimgateway.tenancy.AdminKeys;
import dev.scimgateway.tenancy.TenantStore;
import dev.scimgateway.tenancy.TenantTokens;
import dev.scimgateway.tenancy.TokenScopes;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The console's routes: sign-in and sign-out, the operator's tenant list, and a tenant's SCIM
 * Integration dashboard (its tokens). Access is decided before a request
 * gets here, by {@link ConsoleSecurity}; a handler only learns who asks.
 */
public final class ConsoleHandler {

    private static final List<Integer> EXPIRY_DAYS = List.of(7, 30, 90, 365);

    private final AdminKeys keys;
    private final TenantTokens tokens;
    private final TenantStore tenants;
    private final ConsoleSessions sessions;
    private final SignInThrottle throttle;
    private final ConsolePages pages;
    private final Assets assets;
    private final ScimResponses scim;
    private final Clock clock;
    private final Revocation revocation;
    private final SsoPages sso;

    ConsoleHandler(AdminKeys keys, TenantTokens tokens, TenantStore tenants, ConsoleSessions sessions,
            SignInThrottle throttle, ConsolePages pages, ScimResponses scim, SsoPages sso, Clock clock) {
        this.sso = sso;
        this.keys = keys;
        this.tokens = tokens;
        this.tenants = tenants;
        this.sessions = sessions;
        this.throttle = throttle;
        this.pages = pages;
        this.assets = new Assets();
        this.scim = scim;
        this.clock = clock;
        this.revocation = new Revocation(pages, new Revocation.Kind("token",
                "Every request that uses it gets 401 from then on (within a second), so the IdP that holds it stops"
                        + " provisioning until it gets a new token. This cannot be undone.",
                "tokenId", "tokens",
                tenantId -> {
                    Instant now = clock.instant();
                    return tokens.list(tenantId).filter(token -> token.status(now).equals("active"))
                            .map(token -> new Revocation.Revocable(token.id(), token.name()));
                },
                tokens::revoke, ConsolePaths::tokens, ConsolePaths::revoke));
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(dev.scimgateway.edge.BasePaths.CONSOLE, request -> ConsolePages.redirect(ConsolePaths.HOME))
                .GET(ConsolePaths.HOME, this::home)
                .POST(ConsolePaths.SIGN_IN, this::signIn)
                .POST(ConsolePaths.SIGN_OUT, this::signOut)
                .GET(ConsolePaths.ASSETS + "/{file}", assets::serve)
                .GET(ConsolePaths.TOKENS, this::dashboard)
                .GET(ConsolePaths.LAST_USED, this::lastUsed)
                .POST(ConsolePaths.TOKENS, this::generate)
                .GET(ConsolePaths.REVOKE, revocation::confirm)
                .POST(ConsolePaths.REVOKE, revocation::revoke)
                .build();
    }

    /**
     * The sign-in form for a visitor; a signed-in admin goes to where they work, or back to the page
     * that sent them to sign in (an OAuth client's authorization, the one such page).
     */
    private Mono<ServerResponse> home(ServerRequest request) {
        String back = returnTo(request.queryParam("continue").orElse(""));
        return ConsolePages.principal(request)
                .flatMap(principal -> ConsolePages.redirect(back != null ? back : principal.isOperator() ? ConsolePaths.TENANTS
                        : ConsolePaths.overview(java.util.Objects.requireNonNull(principal.tenantId()))))
                .switchIfEmpty(Mono.defer(() -> signInForm(request, HttpStatus.OK, null, back)));
    }

    /**
     * With {@code ?tenant=}, the form also offers "Sign in with" that tenant's provider, or says it
     * has none; the button is a link, not a form, since the console's CSP lets forms lead to this
     * origin only, and the sign-in goes on to the provider's.
     */
    private Mono<ServerResponse> signInForm(ServerRequest request, HttpStatus status, @Nullable String error,
            @Nullable String back) {
        String tenant = request.queryParam("tenant").map(String::strip).filter(id -> !id.isEmpty()).orElse(null);
        Mono<Map<String, Object>> offer = tenant == null ? Mono.just(Map.of())
                : sso.providerName(tenant)
                        .<Map<String, Object>>map(provider -> Map.of("ssoProvider", Map.of("name", provider,
                                "href", dev.scimgateway.sso.SsoPaths.start(tenant))))
                        .defaultIfEmpty(Map.of("ssoMissing", tenant));
        return offer.flatMap(values -> {
            Map<String, Object> model = new java.util.HashMap<>(values);
            model.putAll(ConsolePages.values("error", error, "tenant", tenant == null ? "" : tenant, "continue", back));
            return pages.render(request, status, "sign-in", "Sign in", List.of(), model);
        });
    }

    /** Where sign-in may send the admin on: only a page of the console that asked for it; null for anywhere else. */
    private static @Nullable String returnTo(String asked) {
        return OAuthConsent.isReturn(asked) ? asked : null;
    }

    private Mono<ServerResponse> signIn(ServerRequest request) {
        String address = clientAddress(request);
        long wait = throttle.retryAfterSeconds(address);
        return request.formData().flatMap(form -> {
            String back = returnTo(ConsolePages.text(form, "continue"));
            if (wait > 0) {
                request.exchange().getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(wait));
                return signInForm(request, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins from your address;"
                        + " try again in " + wait + " seconds.", back);
            }
            String key = ConsolePages.text(form, "key").strip();
            return (key.isEmpty() ? Mono.<dev.scimgateway.tenancy.AdminPrincipal>empty() : keys.authenticate(key))
                    .flatMap(principal -> {
                        throttle.succeeded(address);
                        return sessions.start(request.exchange(), principal)
                                .then(ConsolePages.redirect(back != null ? back : ConsolePaths.HOME));
                    })
                    .switchIfEmpty(Mono.defer(() -> {
                        throttle.failed(address);
                        return signInForm(request, HttpStatus.UNAUTHORIZED, "That key is not valid, or it has been revoked.",
                                back);
                    }));
        });
    }

    private Mono<ServerResponse> signOut(ServerRequest request) {
        return sessions.end(request.exchange()).then(ConsolePages.redirect(ConsolePaths.HOME));
    }

    private Mono<ServerResponse> dashboard(ServerRequest request) {
        return dashboard(request, HttpStatus.OK, null);
    }

    private Mono<ServerResponse> dashboard(ServerRequest request, HttpStatus status, @Nullable String error) {
        String tenantId = request.pathVariable("tenantId");
        Instant now = clock.instant();
        return tokens.list(tenantId)
                .map(token -> Views.TokenRow.of(token, now, ConsolePaths.revoke(tenantId, token.id().toString())))
                .collectList()
                .flatMap(rows -> pages.render(request, status, "tokens", "SCIM Integration",
                        Views.tenantNav(tenantId, "tokens"), ConsolePages.values(
                                "tenant", tenantId,
                                "baseUrl", scim.baseUrl(request),
                                "tokens", rows,
                                "generateAction", ConsolePaths.tokens(tenantId),
                                "lastUsedHref", ConsolePaths.lastUsed(tenantId),
                                "connectHref", ConsolePaths.connect(tenantId),
                                "expiries", expiryChoices(),
                                "scopes", scopeChoices(),
                                "error", error)))
                .onErrorResume(failure -> pages.failure(request, failure));
    }

    /**
     * Each token's last use, which the dashboard polls so that an admin sees the connector test of
     * the IdP arrive without reloading. A token's first use is in the database at once (see
     * {@code LastUseTracker}); later ones within its flush interval.
     */
    private Mono<ServerResponse> lastUsed(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        Instant now = clock.instant();
        return tokens.list(tenantId)
                .map(token -> Views.LastUse.of(token, now))
                .collectList()
                .flatMap(uses -> ServerResponse.ok()
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .bodyValue(Map.of("tokens", uses)))
                .onErrorResume(failure -> pages.failure(request, failure));
    }

    private Mono<ServerResponse> generate(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return request.formData()
                .flatMap(form -> Mono.fromCallable(() -> expiry(ConsolePages.text(form, "expiresInDays")))
                        .flatMap(expiry -> tokens.issue(tenantId, ConsolePages.text(form, "name").strip(),
                                scopes(ConsolePages.text(form, "scope")), expiry.orElse(null))))
                .flatMap(issued -> pages.render(request, HttpStatus.CREATED, "token-created", "Token created",
                        Views.tenantNav(tenantId, "tokens"), ConsolePages.values(
                                "tenant", tenantId,
                                "name", issued.token().name(),
                                "token", issued.secret(),
                                "baseUrl", scim.baseUrl(request),
                                "back", ConsolePaths.tokens(tenantId))))
                // A name taken or missing: the form again, saying what to change.
                .onErrorResume(dev.scimgateway.scim.protocol.ScimException.class,
                        e -> e.status() == 400 || e.status() == 409
                                ? dashboard(request, HttpStatus.valueOf(e.status()), e.detail())
                                : pages.failure(request, e));
    }

    private static List<String> scopes(String chosen) {
        return chosen.isEmpty() ? List.of() : List.of(chosen);
    }

    private java.util.Optional<Instant> expiry(String days) {
        if (days.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            int count = Integer.parseInt(days);
            if (!EXPIRY_DAYS.contains(count)) {
                throw new NumberFormatException(days);
            }
            return java.util.Optional.of(clock.instant().plus(Duration.ofDays(count)));
        } catch (NumberFormatException e) {
            throw dev.scimgateway.scim.protocol.ScimException.invalidValue("Choose an expiry from the list");
        }
    }

    private static List<Views.Choice> expiryChoices() {
        List<Views.Choice> choices = new java.util.ArrayList<>();
        choices.add(new Views.Choice("", "Never", true));
        EXPIRY_DAYS.forEach(days -> choices.add(new Views.Choice(String.valueOf(days), "In " + days + " days", false)));
        return choices;
    }

    private static List<Views.Choice> scopeChoices() {
        return List.of(new Views.Choice(TokenScopes.SCIM, "Read and write (scim): what an IdP needs to provision", true),
                new Views.Choice(TokenScopes.SCIM_READ, "Read only (scim.read): checks, reports", false));
    }

    /** Where the request came from; behind a proxy, the proxy, unless forwarded headers are trusted. */
    static String clientAddress(ServerRequest request) {
        InetSocketAddress remote = request.exchange().getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    /** 303: after a POST the browser GETs the target, so a reload never repeats the POST. */
}
