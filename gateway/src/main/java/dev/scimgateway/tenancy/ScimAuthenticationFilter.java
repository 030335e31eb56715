package dev.scimgateway.tenancy;

import dev.scimgateway.scim.protocol.ScimException;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Every SCIM request must carry a valid tenant token; the tenant comes from the token alone. */
public final class ScimAuthenticationFilter implements WebFilter, Ordered {

    public static final String SCIM_PATH_PREFIX = "/scim/v2";

    private final TokenRegistry tokens;

    public ScimAuthenticationFilter(TokenRegistry tokens) {
        this.tokens = tokens;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().pathWithinApplication().value().startsWith(SCIM_PATH_PREFIX)) {
            return chain.filter(exchange);
        }
        return BearerTokens.from(exchange.getRequest())
                .map(token -> tokens.authenticate(token)
                        .switchIfEmpty(Mono.error(() -> ScimException.unauthorized(
                                "The token is not valid or has been revoked; create a new one in the admin API"))))
                .orElseGet(() -> Mono.error(ScimException.unauthorized(
                        "Missing credentials; send the tenant token as 'Authorization: Bearer <token>'")))
                .flatMap(principal -> {
                    principal.bind(exchange);
                    return chain.filter(exchange);
                });
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
