package dev.scimgateway.tenancy;

import java.util.UUID;
import org.springframework.web.server.ServerWebExchange;

/** Who is calling the SCIM API: the tenant and the token, as proven by the token. */
public record TenantPrincipal(String tenantId, UUID tokenId) {

    private static final String ATTRIBUTE = TenantPrincipal.class.getName();

    public void bind(ServerWebExchange exchange) {
        exchange.getAttributes().put(ATTRIBUTE, this);
    }

    /** The principal when the request was authenticated as a tenant. */
    public static java.util.Optional<TenantPrincipal> find(ServerWebExchange exchange) {
        return java.util.Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    /** Only called behind the authentication filter, which rejects requests without one. */
    public static TenantPrincipal of(ServerWebExchange exchange) {
        TenantPrincipal principal = exchange.getAttribute(ATTRIBUTE);
        if (principal == null) {
            throw new IllegalStateException("SCIM route reached without authentication");
        }
        return principal;
    }
}
