package dev.scimgateway.scim.web;

import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.scim.protocol.ScimException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a SCIM request whose Accept header does not parse, before it does any work: found only
 * when the response is rendered, it would turn a write that was already committed into an error.
 */
public final class AcceptHeaderFilter implements EdgeStep {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next) {
        var request = exchange.getRequest();
        if (ScimMediaTypes.acceptOrNull(request.getHeaders()) != null) {
            return next.filter(exchange);
        }
        String accept = String.join(", ", request.getHeaders().getOrEmpty(HttpHeaders.ACCEPT));
        return Mono.error(ScimException.badRequest("Accept '" + accept + "' is not a valid list of media types;"
                + " send 'Accept: application/scim+json' (or application/json), or no Accept header"));
    }
}
