package dev.scimgateway.observability;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The first filter of the management port, and of that port only. Spring Boot builds the
 * management server's handler from a child of the application's context, so it finds the
 * application's routes and filters too: without this filter the management port would serve the
 * admin API and SCIM as well. Anything outside actuator gets 404 here, before any of them runs.
 * The path is matched the way the router matches it (matrix parameters removed, segment by segment).
 */
public final class ManagementPortFilter implements WebFilter, Ordered {

    private final PathPattern actuator;

    /** @param basePath actuator's base path, {@code /actuator} unless configured otherwise */
    public ManagementPortFilter(String basePath) {
        this.actuator = PathPatternParser.defaultInstance.parse(basePath + "/**");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (actuator.matches(exchange.getRequest().getPath().pathWithinApplication())) {
            return chain.filter(exchange);
        }
        exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
        return exchange.getResponse().setComplete();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
