package dev.scimgateway.tenancy;

import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.events.ChangeOrigin;
import dev.scimgateway.scim.protocol.ScimException;
import java.util.function.Function;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every SCIM request must carry a valid tenant token; the tenant comes from the token alone. The
 * change feed's endpoints are authenticated the same way, with the token's {@code events} scope.
 */
public final class ScimAuthenticationFilter implements EdgeStep {

    private final TokenRegistry tokens;
    private final Function<RequestContext, TokenScopes.Use> use;

    public ScimAuthenticationFilter(TokenRegistry tokens) {
        this(tokens, context -> context.isRead() ? TokenScopes.Use.SCIM_READ : TokenScopes.Use.SCIM_WRITE);
    }

    private ScimAuthenticationFilter(TokenRegistry tokens, Function<RequestContext, TokenScopes.Use> use) {
        this.tokens = tokens;
        this.use = use;
    }

    /** For the change feed: stream management and polling need the scope {@code events}. */
    public static ScimAuthenticationFilter events(TokenRegistry tokens) {
        return new ScimAuthenticationFilter(tokens, context -> TokenScopes.Use.EVENTS);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next) {
        RequestContext request = RequestContext.of(exchange);
        TokenScopes.Use asked = use.apply(request);
        return BearerTokens.from(exchange.getRequest())
                .map(token -> tokens.authenticate(token, asked, request::identified)
                        .switchIfEmpty(Mono.error(() -> ScimException.unauthorized(
                                "The token is not valid or has been revoked; create a new one in the admin API"))))
                .orElseGet(() -> Mono.error(ScimException.unauthorized(
                        "Missing credentials; send the tenant token as 'Authorization: Bearer <token>'")))
                .flatMap(principal -> {
                    request.authenticated(principal);
                    return next.filter(exchange).contextWrite(ChangeOrigin.of(principal, request.requestId()).context());
                });
    }
}
