package dev.scimgateway.scim.web;

import dev.scimgateway.edge.EdgeStep;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Serves HEAD with the GET route of the same path (RFC 9110 §9.3.2: a server that supports GET
 * supports HEAD). Functional routes match HEAD to no GET route, so every GET endpoint would
 * otherwise answer 405. The body is not this step's concern: the Reactor Netty adapter already
 * drops the body of every answer to a HEAD request. Where GET is not allowed either, the GET
 * dispatched here gets the same 405 and Allow header that HEAD would.
 */
public final class HeadAsGetFilter implements EdgeStep {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next) {
        return HttpMethod.HEAD.equals(exchange.getRequest().getMethod())
                ? next.filter(exchange.mutate().request(request -> request.method(HttpMethod.GET)).build())
                : next.filter(exchange);
    }
}
