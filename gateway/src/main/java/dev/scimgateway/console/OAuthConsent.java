package dev.scimgateway.console;

import dev.scimgateway.oauth.Authorizations;
import dev.scimgateway.oauth.OAuthPaths;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.ScimResponses;
import dev.scimgateway.tenancy.AdminPrincipal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The OAuth authorization endpoint as a console page: a tenant admin signs in (and comes back here),
 * reads which client asks for which tenant, and approves or declines with a CSRF-protected form. The
 * decisions are the authorization server's ({@link Authorizations}); this class only asks.
 */
final class OAuthConsent {

    private final Authorizations authorizations;
    private final ConsolePages pages;
    private final ScimResponses scim;

    OAuthConsent(Authorizations authorizations, ConsolePages pages, ScimResponses scim) {
        this.authorizations = authorizations;
        this.pages = pages;
        this.scim = scim;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(OAuthPaths.AUTHORIZE, this::ask)
                .POST(OAuthPaths.AUTHORIZE, this::answer)
                .build();
    }

    /** The sign-in page brings a visitor back here: only a path of this page is ever followed after sign-in. */
    static boolean isReturn(String path) {
        return path.startsWith(OAuthPaths.AUTHORIZE + "?") && path.indexOf('#') < 0 && path.indexOf('\\') < 0;
    }

    private Mono<ServerResponse> ask(ServerRequest request) {
        String query = request.uri().getRawQuery() == null ? "" : request.uri().getRawQuery();
        return ConsolePages.principal(request)
                .flatMap(principal -> tenantOf(principal)
                        .flatMap(tenantId -> authorizations.check(query, tenantId, scim.origin(request)))
                        .flatMap(decision -> show(request, decision, query)))
                .switchIfEmpty(Mono.defer(() -> ConsolePages.redirect(ConsolePaths.withQuery(ConsolePaths.HOME,
                        "continue", OAuthPaths.AUTHORIZE + "?" + query))))
                .onErrorResume(error -> pages.failure(request, error));
    }

    private Mono<ServerResponse> answer(ServerRequest request) {
        return request.formData().flatMap(form -> {
            String query = ConsolePages.text(form, "request");
            boolean approved = ConsolePages.text(form, "decision").equals("approve");
            return ConsolePages.principal(request)
                    .flatMap(this::tenantOf)
                    .flatMap(tenantId -> approved ? authorizations.approve(query, tenantId, scim.origin(request))
                            : authorizations.deny(query, tenantId, scim.origin(request)))
                    .flatMap(decision -> show(request, decision, query))
                    .switchIfEmpty(Mono.error(() -> ScimException.forbidden("Sign in to answer an authorization request")));
        }).onErrorResume(error -> pages.failure(request, error));
    }

    /** The operator signs in for every tenant and so for none: a client is authorized by an admin of its tenant. */
    private Mono<String> tenantOf(AdminPrincipal principal) {
        return principal.tenantId() != null ? Mono.just(principal.tenantId())
                : Mono.error(ScimException.forbidden("A client is authorized for one tenant by an admin of it: sign out,"
                        + " and sign in with an admin key of the tenant the IdP provisions"));
    }

    private Mono<ServerResponse> show(ServerRequest request, Authorizations.Decision decision, String query) {
        if (decision instanceof Authorizations.Redirect redirect) {
            return ServerResponse.seeOther(redirect.location()).build();
        }
        if (decision instanceof Authorizations.Refused refused) {
            return pages.failure(request, refused.status() == 403 ? ScimException.forbidden(refused.detail())
                    : ScimException.badRequest(refused.detail()));
        }
        Authorizations.Consent consent = (Authorizations.Consent) decision;
        // The answer redirects the browser to the client, which the form's own policy must allow (CSP form-action
        // applies to redirects); Spring Security adds its policy only when the response has none.
        request.exchange().getResponse().getHeaders().set("Content-Security-Policy",
                ConsoleSecurity.CONTENT_SECURITY_POLICY.replace("form-action 'self'",
                        "form-action 'self' " + consent.formActionOrigin()));
        return pages.render(request, HttpStatus.OK, "consent", "Authorize " + consent.clientName(), List.of(),
                ConsolePages.values(
                        "client", consent.clientName(),
                        "clientId", consent.clientId(),
                        "tenant", consent.tenantId(),
                        "scopes", String.join(" ", consent.scopes()),
                        "offline", consent.offline(),
                        "redirectUri", consent.redirectUri(),
                        "action", OAuthPaths.AUTHORIZE,
                        "request", query));
    }
}
