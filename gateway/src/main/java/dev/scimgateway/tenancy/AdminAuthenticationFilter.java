package dev.scimgateway.tenancy;

import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.scim.protocol.ScimException;
import java.security.MessageDigest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards the admin API with the one admin token. Only its hash is held, and hashes are compared
 * in constant time, so neither memory dumps nor timing give the token away.
 */
public final class AdminAuthenticationFilter implements EdgeStep {

    private final byte[] adminTokenHash;

    public AdminAuthenticationFilter(String adminToken) {
        this.adminTokenHash = TokenCodec.hash(adminToken);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next) {
        boolean valid = BearerTokens.from(exchange.getRequest())
                .map(token -> MessageDigest.isEqual(adminTokenHash, TokenCodec.hash(token)))
                .orElse(false);
        return valid ? next.filter(exchange) : Mono.error(ScimException.unauthorized(
                "The admin API needs 'Authorization: Bearer <admin token>'; see SCIM_GATEWAY_ADMIN_TOKEN"));
    }
}
