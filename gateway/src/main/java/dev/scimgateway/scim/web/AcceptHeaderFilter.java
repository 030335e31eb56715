package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.ScimException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a SCIM request whose Accept header does not parse, before it does any work: found only
 * when the response is rendered, it would turn a write that was already committed into an error.
 */
public final class AcceptHeaderFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (!request.getPath().pathWithinApplication().value().startsWith(CanonicalEndpointFilter.PREFIX)
                || ScimMediaTypes.acceptOrNull(request.getHeaders()) != null) {
            return chain.filter(exchange);
        }
        String accept = String.join(", ", request.getHeaders().getOrEmpty(HttpHeaders.ACCEPT));
        return Mono.error(ScimException.badRequest("Accept '" + accept + "' is not a valid list of media types;"
                + " send 'Accept: application/scim+json' (or application/json), or no Accept header"));
    }

    @Override
    public int getOrder() {
        // Inside authentication, capture and rate limiting (a malformed request still counts against
        // the tenant's rate), outside idempotency: a request refused for its headers stores no answer.
        return Ordered.HIGHEST_PRECEDENCE + 17;
    }
}
