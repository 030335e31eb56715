package dev.scimgateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.RawHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Walks every route the router knows and asks each without a credential: all but the open ones
 * must answer 401, and the same path spelt with a matrix parameter or an encoded letter 400 or
 * 401. A new route whose path escapes the edge's authentication fails this test. The console
 * speaks to browsers: it refuses with a redirect to its sign-in page (GET) or 403 (a POST without
 * its CSRF token) instead of 401.
 */
class EveryRouteAuthenticatesTest extends GatewayTest {

    /** Routes anyone may call: the console's sign-in page and its assets (the probes are served by the actuator). */
    private static final Set<String> OPEN = Set.of("GET " + BasePaths.CONSOLE, "GET " + BasePaths.CONSOLE + "/",
            "GET " + BasePaths.CONSOLE + "/assets/{file}",
            // Single sign-on starts before there is a session, and the provider's answer proves who it is.
            "GET " + dev.scimgateway.sso.SsoPaths.START, "GET " + dev.scimgateway.sso.SsoPaths.CALLBACK,
            // The change feed's transmitter metadata and public keys: receivers read them before they hold a token.
            "GET " + BasePaths.WELL_KNOWN + "/ssf-configuration", "GET " + BasePaths.WELL_KNOWN + "/ssf-jwks.json",
            // The OAuth authorization server's metadata and keys: clients read them before they are configured.
            // Its token and revocation endpoints are not open: a client authenticates to them (401 invalid_client).
            "GET " + BasePaths.WELL_KNOWN + "/oauth-authorization-server", "GET " + BasePaths.OAUTH + "/jwks");

    @Autowired
    private ApplicationContext context;

    @LocalServerPort
    private int port;

    private record Route(HttpMethod method, String pattern) {}

    @Test
    void everyRouteRefusesAnAnonymousRequest() throws IOException {
        List<Route> routes = new ArrayList<>();
        context.getBeansOfType(RouterFunction.class).values()
                .forEach(router -> router.accept(new RouteCollector(routes)));
        assertThat(routes).as("routes found by the walk").hasSizeGreaterThan(25);

        List<String> open = new ArrayList<>();
        for (Route route : routes) {
            if (OPEN.contains(route.method() + " " + route.pattern())) {
                continue;
            }
            String path = route.pattern().replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000001");
            // The plain path, and its first segment spelt two ways a prefix check would miss.
            int second = path.indexOf('/', 1);
            for (String target : List.of(path, path.substring(0, second) + ";x" + path.substring(second),
                    "/%" + Integer.toHexString(path.charAt(1)) + path.substring(2))) {
                RawHttp.Response response = RawHttp.send(port, route.method().name(), target,
                        HttpMethod.GET.equals(route.method()) || HttpMethod.DELETE.equals(route.method()) ? null : "{}",
                        "Content-Type: application/json");
                Set<Integer> refusals = !path.startsWith(BasePaths.CONSOLE + "/") ? Set.of(401)
                        : HttpMethod.GET.equals(route.method()) ? Set.of(303) : Set.of(403);
                if (target.equals(path) ? !refusals.contains(response.status())
                        : !(response.status() == 400 || refusals.contains(response.status()))) {
                    open.add(route.method() + " " + target + " -> " + response.status());
                }
            }
        }
        assertThat(open).as("routes that did not ask for a credential").isEmpty();
    }

    /** Collects the method and path of every route; the predicates of these routers are just that pair. */
    private static final class RouteCollector implements RouterFunctions.Visitor, RequestPredicates.Visitor {

        private final List<Route> routes;
        private final List<HttpMethod> methods = new ArrayList<>();
        private final List<String> patterns = new ArrayList<>();

        RouteCollector(List<Route> routes) {
            this.routes = routes;
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
            methods.clear();
            patterns.clear();
            predicate.accept(this);
            for (HttpMethod method : methods) {
                for (String pattern : patterns) {
                    routes.add(new Route(method, pattern));
                }
            }
        }

        @Override
        public void method(Set<HttpMethod> methods) {
            this.methods.addAll(methods);
        }

        @Override
        public void path(String pattern) {
            patterns.add(pattern);
        }

        @Override
        public void startNested(RequestPredicate predicate) {}

        @Override
        public void endNested(RequestPredicate predicate) {}

        @Override
        public void resources(Function<ServerRequest, reactor.core.publisher.Mono<Resource>> lookupFunction) {}

        @Override
        public void attributes(Map<String, Object> attributes) {}

        @Override
        public void unknown(RouterFunction<?> routerFunction) {}

        @Override
        public void pathExtension(String extension) {}

        @Override
        public void version(String version) {}

        @Override
        public void header(String name, String value) {}

        @Override
        public void queryParam(String name, String value) {}

        @Override
        public void startAnd() {}

        @Override
        public void and() {}

        @Override
        public void endAnd() {}

        @Override
        public void startOr() {}

        @Override
        public void or() {}

        @Override
        public void endOr() {}

        @Override
        public void startNegate() {}

        @Override
        public void endNegate() {}

        @Override
        public void unknown(RequestPredicate predicate) {}
    }
}
