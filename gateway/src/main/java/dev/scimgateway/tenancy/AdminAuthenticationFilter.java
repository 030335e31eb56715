package dev.scimgateway.tenancy;

import dev.scimgateway.scim.protocol.ScimException;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards the admin API with the one admin token. Only its hash is held, and hashes are compared
 * in constant time, so neither memory dumps nor timing give the token away.
 */
public final class AdminAuthenticationFilter implements WebFilter, Ordered {

    public static final String ADMIN_PATH_PREFIX = "/admin/";

    private final byte[] adminTokenHash;

    public AdminAuthenticationFilter(String adminToken) {
        this.adminTokenHash = TokenCodec.hash(adminToken);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().pathWithinApplication().value().startsWith(ADMIN_PATH_PREFIX)) {
            return chain.filter(exchange);
        }
        boolean valid = BearerTokens.from(exchange.getRequest())
                .map(token -> MessageDigest.isEqual(adminTokenHash, TokenCodec.hash(token)))
                .orElse(false);
        return valid ? chain.filter(exchange) : Mono.error(ScimException.unauthorized(
                "The admin API needs 'Authorization: Bearer <admin token>'; see SCIM_GATEWAY_ADMIN_TOKEN"));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
