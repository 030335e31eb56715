package dev.scimgateway.tenancy;

import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.events.ChangeOrigin;
import dev.scimgateway.scim.protocol.ScimException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Every SCIM request must carry a valid tenant token; the tenant comes from the token alone. */
public final class ScimAuthenticationFilter implements EdgeStep {

    private final TokenRegistry tokens;

    public ScimAuthenticationFilter(TokenRegistry tokens) {
        this.tokens = tokens;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next) {
        RequestContext request = RequestContext.of(exchange);
        boolean write = !request.isRead();
        return BearerTokens.from(exchange.getRequest())
                .map(token -> tokens.authenticate(token, write, request::identified)
                        .switchIfEmpty(Mono.error(() -> ScimException.unauthorized(
                                "The token is not valid or has been revoked; create a new one in the admin API"))))
                .orElseGet(() -> Mono.error(ScimException.unauthorized(
                        "Missing credentials; send the tenant token as 'Authorization: Bearer <token>'")))
                .flatMap(principal -> {
                    RequestContext context = RequestContext.of(exchange);
                    context.authenticated(principal);
                    return next.filter(exchange).contextWrite(ChangeOrigin.of(principal, context.requestId()).context());
                });
    }
}
