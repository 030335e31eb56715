package dev.scimgateway.observability;

import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.edge.TenantPrincipal;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts what the edge knows of a request into the fields of its log lines ({@link LogFields}):
 * the request id as soon as it has one, the tenant and token id once authentication has them.
 */
public final class RequestLogFields {

    private RequestLogFields() {}

    /** The request id, on every request. */
    public static EdgeStep requestId() {
        return (exchange, next) -> LogFields.put(LogFields.REQUEST_ID, RequestContext.of(exchange).requestId())
                .then(next.filter(exchange));
    }

    /** The tenant and the token id, after tenant authentication. */
    public static EdgeStep caller() {
        return RequestLogFields::caller;
    }

    private static Mono<Void> caller(ServerWebExchange exchange, WebFilterChain next) {
        TenantPrincipal principal = RequestContext.of(exchange).principal();
        return principal == null ? next.filter(exchange)
                : LogFields.put(LogFields.TENANT, principal.tenantId())
                        .then(LogFields.put(LogFields.TOKEN_ID, principal.tokenId().toString()))
                        .then(next.filter(exchange));
    }
}
