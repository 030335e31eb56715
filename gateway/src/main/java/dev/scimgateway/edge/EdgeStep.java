package dev.scimgateway.edge;

import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One cross-cutting step of the edge: it lets the request go on through {@code next}, or answers
 * it. A step is not a {@code WebFilter}, so that Spring cannot run it in an order of its own: its
 * place is in the one table of {@link Edge}.
 */
@FunctionalInterface
public interface EdgeStep {

    /** A step that is switched off by configuration: it keeps its row in the table and does nothing. */
    EdgeStep NONE = (exchange, next) -> next.filter(exchange);

    static EdgeStep orNone(@Nullable EdgeStep step) {
        return step != null ? step : NONE;
    }

    Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next);
}
