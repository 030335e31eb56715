package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.compat.EndpointNames;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Routes {@code /scim/v2/users} and {@code /scim/v2/Users/} to {@code /scim/v2/Users}; see {@link EndpointNames}. */
public final class CanonicalEndpointFilter implements WebFilter, Ordered {

    /** Where SCIM endpoints start; the other SCIM filters of this package ask the same. */
    static final String PREFIX = "/scim/v2/";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith(PREFIX)) {
            return chain.filter(exchange);
        }
        // "/Users/" is "/Users": the collection the reference collection means with its trailing slash.
        String rest = trimTrailingSlash(path.substring(PREFIX.length()));
        int slash = rest.indexOf('/');
        String segment = slash < 0 ? rest : rest.substring(0, slash);
        String canonical = PREFIX + EndpointNames.canonical(segment).orElse(segment) + (slash < 0 ? "" : rest.substring(slash));
        return canonical.equals(path) ? chain.filter(exchange)
                : chain.filter(exchange.mutate().request(r -> r.path(canonical)).build());
    }

    private static String trimTrailingSlash(String rest) {
        return rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
