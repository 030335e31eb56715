package dev.scimgateway.scim.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Answers a path that has routes, but none for the request's method, with 405 and an Allow header
 * (RFC 9110 §15.5.6) rather than the 404 a router gives when nothing matches: the client learns
 * that its URL is right and its method is not. The methods are read from the routes themselves,
 * so they never drift apart. Where patterns overlap ({@code /Users/.search}, {@code /Users/{id}})
 * the methods of all of them are allowed, so this route never takes a request a route would
 * serve, wherever it stands in the order of routes.
 */
public final class MethodNotAllowedRoute {

    private final Map<PathPattern, Set<HttpMethod>> methodsByPath;

    private MethodNotAllowedRoute(Map<PathPattern, Set<HttpMethod>> methodsByPath) {
        this.methodsByPath = methodsByPath;
    }

    /** The 405 route for {@code routes}, which are method-and-path routes such as {@code GET("/x", ...)}. */
    public static RouterFunction<ServerResponse> of(List<? extends RouterFunction<?>> routes) {
        MethodsByPath visitor = new MethodsByPath();
        routes.forEach(route -> route.accept(visitor));
        PathPatternParser parser = PathPatternParser.defaultInstance;
        Map<PathPattern, Set<HttpMethod>> methods = new LinkedHashMap<>();
        visitor.methods.forEach((path, allowed) -> methods.put(parser.parse(path), Set.copyOf(allowed)));
        MethodNotAllowedRoute route = new MethodNotAllowedRoute(methods);
        // The allowed methods are found once per request, and the handler that refuses carries them.
        return request -> {
            Set<HttpMethod> allowed = route.allowedOtherThan(request);
            return allowed == null ? Mono.empty()
                    : Mono.just(refused -> Mono.error(new MethodNotAllowedException(refused.method(), allowed)));
        };
    }

    /** The methods the request's path allows, when its own is not one of them; else null. */
    private @Nullable Set<HttpMethod> allowedOtherThan(ServerRequest request) {
        // Sorted, so that the Allow header reads the same on every replica and every start.
        Set<HttpMethod> allowed = new TreeSet<>(Comparator.comparing(HttpMethod::name));
        methodsByPath.forEach((pattern, methods) -> {
            if (pattern.matches(request.requestPath().pathWithinApplication())) {
                allowed.addAll(methods);
            }
        });
        if (allowed.contains(HttpMethod.GET)) {
            allowed.add(HttpMethod.HEAD); // HeadAsGetFilter serves HEAD wherever GET is served
        }
        return allowed.isEmpty() || allowed.contains(request.method()) ? null : allowed;
    }

    /** Collects each route's method and path pattern; routes with other kinds of predicates are left out. */
    private static final class MethodsByPath implements RouterFunctions.Visitor, RequestPredicates.Visitor {

        private final Map<String, Set<HttpMethod>> methods = new LinkedHashMap<>();
        private Set<HttpMethod> routeMethods = Set.of();
        private @Nullable String routePath;
        private boolean otherPredicate;
        private int nesting;

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
            if (nesting > 0) {
                return; // its path is relative to the nesting predicate; the gateway's routers do not nest
            }
            routeMethods = Set.of();
            routePath = null;
            otherPredicate = false;
            predicate.accept(this);
            if (routePath != null && !routeMethods.isEmpty() && !otherPredicate) {
                methods.computeIfAbsent(routePath, path -> new LinkedHashSet<>()).addAll(routeMethods);
            }
        }

        @Override
        public void method(Set<HttpMethod> methods) {
            routeMethods = methods;
        }

        @Override
        public void path(String pattern) {
            routePath = pattern;
        }

        @Override
        public void pathExtension(String extension) {
            otherPredicate = true;
        }

        @Override
        public void header(String name, String value) {
            otherPredicate = true;
        }

        @Override
        public void queryParam(String name, String value) {
            otherPredicate = true;
        }

        @Override
        public void version(String version) {
            otherPredicate = true;
        }

        @Override
        public void startOr() {
            otherPredicate = true;
        }

        @Override
        public void startNegate() {
            otherPredicate = true;
        }

        @Override
        public void unknown(RequestPredicate predicate) {
            otherPredicate = true;
        }

        // An AND of a method and a path is the shape of every route here; its markers carry nothing.
        @Override
        public void startAnd() {}

        @Override
        public void and() {}

        @Override
        public void endAnd() {}

        @Override
        public void or() {}

        @Override
        public void endOr() {}

        @Override
        public void endNegate() {}

        @Override
        public void startNested(RequestPredicate predicate) {
            nesting++;
        }

        @Override
        public void endNested(RequestPredicate predicate) {
            nesting--;
        }

        // Resources and attributes are not used by the gateway's routers.
        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {}

        @Override
        public void attributes(Map<String, Object> attributes) {}

        @Override
        public void unknown(RouterFunction<?> routerFunction) {}
    }
}
