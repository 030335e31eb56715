package dev.scimgateway.console;

import dev.scimgateway.crypto.RandomSecrets;
import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.events.ActivityQueries;
import dev.scimgateway.events.ActivityReader;
import dev.scimgateway.oauth.Authorizations;
import dev.scimgateway.oauth.OAuthClients;
import dev.scimgateway.oauth.TrustedIssuers;
import dev.scimgateway.ratelimit.RateLimits;
import dev.scimgateway.scim.web.ScimResponses;
import dev.scimgateway.sso.OidcSignIn;
import dev.scimgateway.sso.SsoPaths;
import dev.scimgateway.sso.TenantSso;
import dev.scimgateway.tenancy.AdminKeys;
import dev.scimgateway.tenancy.ExtensionSchemaRegistry;
import dev.scimgateway.tenancy.TenantStore;
import dev.scimgateway.tenancy.TenantTokens;
import java.time.Clock;
import java.time.Duration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/** The console as configuration sees it: its routes, and its security step for the edge's table. */
public final class Console {

    /**
     * @param idle a session unused this long ends
     * @param absolute a session ends this long after sign-in
     * @param signInFailures failed sign-ins per client address and window
     * @param httpsOrigin the public base URL is https, so cookies are Secure
     */
    public record Settings(Duration idle, Duration absolute, int signInFailures, Duration signInWindow, boolean httpsOrigin) {}

    private final ConsoleHandler handler;
    private final DirectoryPages directory;
    private final ActivityPages activity;
    private final OperatorPages operator;
    private final SsoPages sso;
    private final OAuthConsent consent;
    private final OAuthClientPages oauthClientPages;
    private final TrustedIssuerPages trustedIssuerPages;
    private final ConsoleSecurity security;
    private final RouterFunction<ServerResponse> tenantPages;

    /** What the Overview and the operator's per-tenant pages work through: rate limits, extension schemas, JSON. */
    public record Tenancy(RateLimits limits, ExtensionSchemaRegistry schemas, JsonMapper json) {}

    /** Single sign-on as the console uses it: the relying party, the tenants' settings, and where the provider answers. */
    public record Sso(OidcSignIn signIn, TenantSso settings, SsoPaths paths) {}

    public Console(ConsoleSessionStore store, TenantDirectory directory, AdminKeys keys, TenantTokens tokens, TenantStore tenants, ScimResponses scim,
            ActivityReader activity, ActivityQueries activityQueries, Sso sso, Authorizations authorizations,
            OAuthClients oauthClients, TrustedIssuers trustedIssuers, Tenancy tenancy, RandomSecrets random, Clock clock,
            Settings settings) {
        ConsoleSessions sessions = new ConsoleSessions(store, random, clock, settings.idle(), settings.absolute(),
                settings.httpsOrigin());
        ConsolePages pages = new ConsolePages(new Templates());
        // One count of failed sign-ins per address, whether a key was wrong or a provider's answer did not hold.
        SignInThrottle throttle = new SignInThrottle(settings.signInFailures(), settings.signInWindow(), clock);
        this.sso = new SsoPages(sso.signIn(), sso.settings(), sso.paths(), sessions, throttle, pages);
        this.handler = new ConsoleHandler(keys, tokens, tenants, sessions, throttle, pages, scim, this.sso, clock);
        this.directory = new DirectoryPages(directory, pages, clock);
        this.activity = new ActivityPages(activity, activityQueries, pages, clock);
        this.operator = new OperatorPages(tenants, keys, pages, clock);
        this.consent = new OAuthConsent(authorizations, pages, scim);
        this.oauthClientPages = new OAuthClientPages(oauthClients, pages, scim);
        this.trustedIssuerPages = new TrustedIssuerPages(trustedIssuers, pages);
        this.security = new ConsoleSecurity(sessions, pages, random, settings.httpsOrigin());
        this.tenantPages = new OverviewPages(new TenantFigures(directory, activity, tenancy.limits(), clock), pages).routes()
                .and(new ConnectPage(tokens, pages, scim, clock).routes())
                .and(new LimitsPage(tenancy.limits(), pages).routes())
                .and(new SchemaPages(tenancy.schemas(), pages, tenancy.json()).routes());
    }

    public RouterFunction<ServerResponse> routes() {
        return handler.routes().and(directory.routes()).and(activity.routes()).and(operator.routes()).and(sso.routes())
                .and(consent.routes()).and(oauthClientPages.routes()).and(trustedIssuerPages.routes()).and(tenantPages);
    }

    public EdgeStep security() {
        return security;
    }
}
