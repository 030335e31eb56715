package dev.scimgateway.tenancy;

import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.events.ChangeOrigin;
import dev.scimgateway.scim.protocol.ScimException;
import java.util.List;
import java.util.function.Function;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every SCIM request must carry a valid bearer credential of its tenant; the tenant comes from the
 * credential alone. The kinds of credential are tried in the order given, the first that knows the
 * token deciding. The change feed's endpoints are authenticated the same way, with the scope
 * {@code events}, which only named tokens can hold.
 */
public final class ScimAuthenticationFilter implements EdgeStep {

    private final List<BearerAuthenticator> kinds;
    private final Function<RequestContext, TokenScopes.Use> use;

    public ScimAuthenticationFilter(List<BearerAuthenticator> kinds) {
        this(kinds, context -> context.isRead() ? TokenScopes.Use.SCIM_READ : TokenScopes.Use.SCIM_WRITE);
    }

    private ScimAuthenticationFilter(List<BearerAuthenticator> kinds, Function<RequestContext, TokenScopes.Use> use) {
        this.kinds = List.copyOf(kinds);
        this.use = use;
    }

    /** For the change feed: stream management and polling need the scope {@code events}. */
    public static ScimAuthenticationFilter events(TokenRegistry tokens) {
        return new ScimAuthenticationFilter(List.of(tokens), context -> TokenScopes.Use.EVENTS);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next) {
        RequestContext request = RequestContext.of(exchange);
        TokenScopes.Use asked = use.apply(request);
        return BearerTokens.from(exchange.getRequest())
                .map(token -> Flux.fromIterable(kinds)
                        .concatMap(kind -> kind.authenticate(token, asked, request::identified), 0)
                        .next()
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
