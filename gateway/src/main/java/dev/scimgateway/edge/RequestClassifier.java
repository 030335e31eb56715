package dev.scimgateway.edge;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.compat.EndpointNames;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Classifies a request from the path the router will match: segments percent-decoded and without
 * matrix parameters. A path that the router would read differently from a plain prefix check
 * ({@code /admin;x/…}, {@code /%61dmin/…}, {@code /scim/v2/Users/..}, {@code //}) is refused
 * before anything is decided on it, so that no step can be steered past by spelling.
 */
final class RequestClassifier {

    private static final String SCIM_ROOT = BasePaths.SCIM.substring(1, BasePaths.SCIM.indexOf('/', 1));
    private static final String SCIM_VERSION = BasePaths.SCIM.substring(BasePaths.SCIM.indexOf('/', 1) + 1);
    private static final String ADMIN_ROOT = BasePaths.ADMIN.substring(1, BasePaths.ADMIN.indexOf('/', 1));
    private static final String CONSOLE_ROOT = BasePaths.CONSOLE.substring(1);
    private static final String EVENTS_ROOT = BasePaths.EVENTS.substring(1, BasePaths.EVENTS.indexOf('/', 1));

    private RequestClassifier() {}

    /** The exchange with its context bound, and its SCIM endpoint name in canonical spelling; or a 400. */
    static Mono<ServerWebExchange> classify(ServerWebExchange exchange, String requestId) {
        ServerHttpRequest request = exchange.getRequest();
        PathContainer path = request.getPath().pathWithinApplication();
        String refusal = refusal(path);
        if (refusal != null) {
            return Mono.error(ScimException.badRequest("The request path " + refusal
                    + "; send the path plainly, as the API documents it"));
        }
        List<String> segments = PathSegments.of(path);
        String key = request.getHeaders().getFirst(RequestContext.IDEMPOTENCY_KEY);
        if (isRoot(segments, 0, ADMIN_ROOT)) {
            return bound(exchange, new RequestContext(requestId, Endpoint.ADMIN, "", request.getMethod(), key));
        }
        if (isRoot(segments, 0, CONSOLE_ROOT)) {
            return bound(exchange, new RequestContext(requestId, Endpoint.CONSOLE, "", request.getMethod(), key));
        }
        if (isRoot(segments, 0, EVENTS_ROOT)) {
            return bound(exchange, new RequestContext(requestId, Endpoint.EVENTS, "", request.getMethod(), key));
        }
        if (!isRoot(segments, 0, SCIM_ROOT)) {
            return bound(exchange, new RequestContext(requestId, Endpoint.OTHER, "", request.getMethod(), key));
        }
        if (segments.size() < 3 || !SCIM_VERSION.equals(segments.get(1)) || !SCIM_ROOT.equals(segments.get(0))) {
            return bound(exchange, new RequestContext(requestId, Endpoint.SCIM_OTHER, "", request.getMethod(), key));
        }
        String resource = EndpointNames.canonical(segments.get(2)).orElse(segments.get(2));
        Endpoint endpoint = endpointOf(resource, segments, request.getHeaders());
        String canonical = canonicalPath(resource, path);
        ServerWebExchange routed = canonical.equals(path.value()) ? exchange
                : exchange.mutate().request(r -> r.path(canonical)).build();
        return bound(routed, new RequestContext(requestId, endpoint, resource, request.getMethod(), key));
    }

    private static Mono<ServerWebExchange> bound(ServerWebExchange exchange, RequestContext context) {
        context.bind(exchange);
        return Mono.just(exchange);
    }

    /** Why the router and a prefix check could read this path differently; null when they cannot. */
    static @Nullable String refusal(PathContainer path) {
        String raw = path.value();
        if (raw.indexOf(';') >= 0) {
            return "has a ';' (matrix parameters are not accepted)";
        }
        if (raw.contains("//")) {
            return "has an empty segment ('//')";
        }
        for (PathContainer.Element element : path.elements()) {
            if (element instanceof PathContainer.PathSegment segment && segment.value().indexOf('%') >= 0) {
                String decoded = segment.valueToMatch();
                if (decoded.indexOf('/') >= 0 || decoded.indexOf(';') >= 0 || decoded.indexOf('\\') >= 0) {
                    return "has an encoded '/', ';' or '\\' in a segment";
                }
            }
            if (element instanceof PathContainer.PathSegment segment && isDotSegment(segment.valueToMatch())) {
                return "has a '.' or '..' segment";
            }
        }
        return null;
    }

    private static boolean isDotSegment(String decoded) {
        return decoded.equals(".") || decoded.equals("..");
    }

    /**
     * Case-blind on purpose: {@code /SCIM/v2/Users} is no route, but it is authenticated like one
     * before it learns so, so a router that ever matched case-blind could not open a way around.
     */
    private static boolean isRoot(List<String> segments, int index, String root) {
        return segments.size() > index && segments.get(index).equalsIgnoreCase(root);
    }

    private static Endpoint endpointOf(String resource, List<String> segments, HttpHeaders headers) {
        return switch (resource) {
            case "Users", "Groups" -> segments.size() == 4 && segments.get(3).equals(".search")
                    ? Endpoint.SEARCH : Endpoint.RESOURCE;
            case ".search" -> Endpoint.SEARCH;
            case "Bulk" -> isStream(headers) ? Endpoint.STREAM : Endpoint.BULK;
            case "ServiceProviderConfig", "ResourceTypes", "Schemas" -> Endpoint.DISCOVERY;
            default -> Endpoint.SCIM_OTHER;
        };
    }

    /**
     * An NDJSON body on /Bulk is a stream of operations: unbounded, so never buffered whole nor
     * timed as one request. A Content-Type that does not parse is not a stream: such a request
     * takes the ordinary path, where reading its body answers 415.
     */
    private static boolean isStream(HttpHeaders headers) {
        String declared = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        if (declared == null || declared.isEmpty()) {
            return false;
        }
        try {
            return MediaType.APPLICATION_NDJSON.isCompatibleWith(MediaType.parseMediaType(declared));
        } catch (IllegalArgumentException unparsable) {
            return false;
        }
    }

    /**
     * {@code /scim/v2/users/} is {@code /scim/v2/Users}: the collection that Microsoft's reference
     * collection means with its spelling and trailing slash (see {@link EndpointNames}). Segments
     * below the endpoint keep their raw spelling, since the router decodes them itself.
     */
    private static String canonicalPath(String resource, PathContainer path) {
        StringBuilder canonical = new StringBuilder(BasePaths.SCIM).append('/').append(resource);
        int index = 0;
        for (PathContainer.Element element : path.elements()) {
            if (element instanceof PathContainer.PathSegment segment && index++ >= 3) {
                canonical.append('/').append(segment.value());
            }
        }
        return canonical.toString();
    }
}
