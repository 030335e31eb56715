package dev.scimgateway.tenancy;

import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.scim.protocol.ScimException;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards the admin API: the operator's admin token opens all of it, a tenant admin key the part
 * that {@link AdminAccess} gives a tenant admin, for its own tenant; the rest answers 403.
 */
public final class AdminAuthenticationFilter implements EdgeStep {

    private final AdminKeys keys;

    public AdminAuthenticationFilter(AdminKeys keys) {
        this.keys = keys;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next) {
        ServerHttpRequest request = exchange.getRequest();
        return BearerTokens.from(request).map(keys::authenticate).orElseGet(Mono::empty)
                .switchIfEmpty(Mono.error(() -> ScimException.unauthorized("The admin API needs 'Authorization: Bearer"
                        + " <admin token or tenant admin key>'; see SCIM_GATEWAY_ADMIN_TOKEN")))
                .flatMap(principal -> AdminAccess.allows(principal, request.getMethod(), request.getPath().pathWithinApplication())
                        ? next.filter(exchange)
                        : Mono.error(ScimException.forbidden("The admin key of tenant '" + principal.tenantId()
                                + "' may manage that tenant's tokens and schemas and read its limits; the rest needs"
                                + " the operator's admin token")));
    }
}
