package dev.scimgateway.edge;

import java.util.List;
import java.util.function.Predicate;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The one {@code WebFilter}: gives the request its id, classifies it into its
 * {@link RequestContext}, then runs the steps in the order given, each only on the endpoints it is for. The order is one table, in
 * {@code config.EdgeConfiguration}.
 */
public final class Edge implements WebFilter, Ordered {

    /** A step and the endpoints it applies to; the others pass it by. */
    public record Step(String name, Predicate<Endpoint> on, EdgeStep step) {}

    public static final Predicate<Endpoint> SCIM = Endpoint::isScim;
    public static final Predicate<Endpoint> ADMIN = endpoint -> endpoint == Endpoint.ADMIN;
    public static final Predicate<Endpoint> CONSOLE = endpoint -> endpoint == Endpoint.CONSOLE;
    public static final Predicate<Endpoint> EVENTS = endpoint -> endpoint == Endpoint.EVENTS;
    /** Whatever a tenant token authenticates: SCIM and the change feed. */
    public static final Predicate<Endpoint> TENANT = SCIM.or(EVENTS);
    public static final Predicate<Endpoint> EVERY = endpoint -> true;

    private final RequestIds requestIds;
    private final List<Step> steps;

    public Edge(RequestIds requestIds, List<Step> steps) {
        this.requestIds = requestIds;
        this.steps = List.copyOf(steps);
    }

    public static Step step(String name, Predicate<Endpoint> on, EdgeStep step) {
        return new Step(name, on, step);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain handler) {
        return RequestClassifier.classify(exchange, requestIds.assign(exchange)).flatMap(classified -> proceed(0, classified, handler));
    }

    private Mono<Void> proceed(int index, ServerWebExchange exchange, WebFilterChain handler) {
        if (index == steps.size()) {
            return handler.filter(exchange);
        }
        Step step = steps.get(index);
        WebFilterChain next = later -> proceed(index + 1, later, handler);
        return step.on().test(RequestContext.of(exchange).endpoint()) ? step.step().filter(exchange, next)
                : next.filter(exchange);
    }

    /** The names of the steps in the order they run, for the documentation test and for logs. */
    public List<String> journey() {
        return steps.stream().map(Step::name).toList();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
