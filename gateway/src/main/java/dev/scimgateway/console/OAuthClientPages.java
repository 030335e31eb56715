package dev.scimgateway.console;

import dev.scimgateway.oauth.OAuthClient;
import dev.scimgateway.oauth.OAuthClients;
import dev.scimgateway.oauth.OAuthPaths;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.ScimResponses;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * A tenant's OAuth clients: the list, registering one (its secret shown once, with the fields Okta
 * asks for), and deleting one, which revokes its grants. The registration rules are
 * {@link OAuthClients}'s, the same as the admin API's.
 */
final class OAuthClientPages {

    private static final String CODE = "code";
    private static final String CREDENTIALS = "credentials";

    private final OAuthClients clients;
    private final ConsolePages pages;
    private final ScimResponses scim;

    OAuthClientPages(OAuthClients clients, ConsolePages pages, ScimResponses scim) {
        this.clients = clients;
        this.pages = pages;
        this.scim = scim;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(ConsolePaths.OAUTH_CLIENTS, request -> list(request, HttpStatus.OK, null))
                .POST(ConsolePaths.OAUTH_CLIENTS, this::register)
                .POST(ConsolePaths.DELETE_OAUTH_CLIENT, this::delete)
                .build();
    }

    private Mono<ServerResponse> list(ServerRequest request, HttpStatus status, @Nullable String error) {
        String tenantId = request.pathVariable("tenantId");
        return clients.list(tenantId)
                .map(client -> Map.of("clientId", client.clientId(), "name", client.name(),
                        "grantTypes", String.join(" ", client.grantTypes()),
                        "redirectUris", String.join(" ", client.redirectUris()),
                        "deleteAction", ConsolePaths.deleteOAuthClient(tenantId, client.clientId())))
                .collectList()
                .flatMap(rows -> pages.render(request, status, "oauth-clients", "OAuth clients",
                        Views.tenantNav(tenantId, "oauth-clients"), ConsolePages.values(
                                "tenant", tenantId,
                                "clients", rows,
                                "registerAction", ConsolePaths.oauthClients(tenantId),
                                "error", error)))
                .onErrorResume(failure -> pages.failure(request, failure));
    }

    private Mono<ServerResponse> register(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return request.formData()
                .flatMap(form -> {
                    String oktaApp = ConsolePages.text(form, "oktaApp").strip();
                    List<String> grantTypes = ConsolePages.text(form, "grant").equals(CREDENTIALS)
                            ? List.of(OAuthClient.CLIENT_CREDENTIALS)
                            : List.of(OAuthClient.AUTHORIZATION_CODE, OAuthClient.REFRESH_TOKEN);
                    List<String> redirectUris = Arrays.stream(ConsolePages.text(form, "redirectUris").split("\\s+"))
                            .filter(uri -> !uri.isEmpty()).toList();
                    return clients.register(tenantId, new OAuthClients.Registration(ConsolePages.text(form, "name"),
                            redirectUris, grantTypes, oktaApp.isEmpty() ? null : oktaApp));
                })
                .flatMap(registered -> {
                    String issuer = scim.origin(request);
                    return pages.render(request, HttpStatus.CREATED, "oauth-client-created", "OAuth client registered",
                            Views.tenantNav(tenantId, "oauth-clients"), ConsolePages.values(
                                    "tenant", tenantId,
                                    "name", registered.client().name(),
                                    "clientId", registered.client().clientId(),
                                    "clientSecret", registered.secret(),
                                    "authorizeUrl", issuer + OAuthPaths.AUTHORIZE,
                                    "tokenUrl", issuer + OAuthPaths.TOKEN,
                                    "back", ConsolePaths.oauthClients(tenantId)));
                })
                // A name or a redirect URI to change: the form again, saying what.
                .onErrorResume(ScimException.class, e -> e.status() == 400 || e.status() == 409
                        ? list(request, HttpStatus.valueOf(e.status()), e.detail())
                        : pages.failure(request, e));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return clients.delete(tenantId, request.pathVariable("clientId"))
                .then(ConsolePages.redirect(ConsolePaths.oauthClients(tenantId)))
                .onErrorResume(failure -> pages.failure(request, failure));
    }
}
