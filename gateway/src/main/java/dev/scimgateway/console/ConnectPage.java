package dev.scimgateway.console;

import dev.scimgateway.scim.web.ScimResponses;
import dev.scimgateway.tenancy.TenantTokens;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Connect: the SCIM base URL, the steps for each IdP, and the last request seen per active token,
 * refreshed while the page is open from the same {@code …/tokens/last-used} the SCIM Integration
 * page polls, so that an admin sees the IdP's connection test arrive as they click it.
 */
final class ConnectPage {

    private final TenantTokens tokens;
    private final ConsolePages pages;
    private final ScimResponses scim;
    private final Clock clock;

    ConnectPage(TenantTokens tokens, ConsolePages pages, ScimResponses scim, Clock clock) {
        this.tokens = tokens;
        this.pages = pages;
        this.scim = scim;
        this.clock = clock;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route().GET(ConsolePaths.CONNECT, this::connect).build();
    }

    private Mono<ServerResponse> connect(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        Instant now = clock.instant();
        return tokens.list(tenantId)
                .filter(token -> token.status(now).equals("active"))
                .map(token -> Views.LastUse.of(token, now))
                .collectList()
                .flatMap(active -> pages.render(request, HttpStatus.OK, "connect", "Connect your IdP",
                        Views.tenantNav(tenantId, "connect"), ConsolePages.values(
                                "tenant", tenantId,
                                "baseUrl", scim.baseUrl(request),
                                "tokens", active,
                                "lastUsedHref", ConsolePaths.lastUsed(tenantId),
                                "tokensHref", ConsolePaths.tokens(tenantId))))
                .onErrorResume(error -> pages.failure(request, error));
    }
}
