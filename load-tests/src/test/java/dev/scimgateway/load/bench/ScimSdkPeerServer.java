package dev.scimgateway.load.bench;

import de.captaingoldfish.scim.sdk.common.constants.enums.HttpMethod;
import de.captaingoldfish.scim.sdk.common.constants.enums.SortOrder;
import de.captaingoldfish.scim.sdk.common.resources.ServiceProvider;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.resources.complex.Meta;
import de.captaingoldfish.scim.sdk.common.response.ScimResponse;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceEndpoint;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceHandler;
import de.captaingoldfish.scim.sdk.server.endpoints.authorize.Authorization;
import de.captaingoldfish.scim.sdk.server.endpoints.base.UserEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The peer row: SCIM-SDK (de.captaingoldfish, the library behind several open SCIM servers) with an
 * in-memory user store, as its samples build it, served by Reactor Netty instead of the samples'
 * servlet container so that the HTTP stack is the gateway's own. It validates and renders like a
 * SCIM server, but keeps users in a map: no durability, no authentication, no tenants, no limits.
 * Its handler is in memory and never waits, so it runs on the event loop.
 */
final class ScimSdkPeerServer implements AutoCloseable {

    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/scim+json");
    /**
     * Lets every request in, as the samples' default does, but without the default's warning: it
     * logs one line per request, which would measure logging instead of the peer.
     */
    private static final Authorization NO_AUTHENTICATION = new Authorization() {
        @Override
        public Set<String> getClientRoles() {
            return Set.of();
        }

        @Override
        public boolean authenticate(Map<String, String> headers, Map<String, String> query) {
            return true;
        }
    };

    private final ResourceEndpoint endpoint;
    private final DisposableServer server;

    private ScimSdkPeerServer(ResourceEndpoint endpoint, DisposableServer server) {
        this.endpoint = endpoint;
        this.server = server;
    }

    static ScimSdkPeerServer start() {
        var endpoint = new ResourceEndpoint(ServiceProvider.builder().build());
        endpoint.registerEndpoint(new UserEndpointDefinition(new InMemoryUsers()));
        var peer = new ScimSdkPeerServer[1];
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/Users", (request, response) -> peer[0].handle(request, response)))
                .bindNow();
        peer[0] = new ScimSdkPeerServer(endpoint, server);
        return peer[0];
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString()
                .map(body -> endpoint.handleRequest(baseUrl() + request.uri(), HttpMethod.POST, body, HEADERS,
                        new Context(NO_AUTHENTICATION)))
                .flatMap(answer -> send(answer, response));
    }

    private static Mono<Void> send(ScimResponse answer, HttpServerResponse response) {
        answer.getHttpHeaders().forEach(response::header);
        return response.status(HttpResponseStatus.valueOf(answer.getHttpStatus()))
                .sendString(Mono.just(answer.toString())).then();
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    /** Users in a map, as SCIM-SDK's samples keep them. */
    private static final class InMemoryUsers extends ResourceHandler<User> {

        private final Map<String, User> users = new ConcurrentHashMap<>();

        @Override
        public User createResource(User user, Context context) {
            String id = UUID.randomUUID().toString();
            Instant now = Instant.now();
            user.setId(id);
            // The SDK has set the resource type and location already; the handler owns the timestamps.
            user.getMeta().ifPresentOrElse(meta -> {
                meta.setCreated(now);
                meta.setLastModified(now);
            }, () -> user.setMeta(Meta.builder().resourceType("User").created(now).lastModified(now).build()));
            users.put(id, user);
            return user;
        }

        @Override
        public User getResource(String id, List<SchemaAttribute> attributes, List<SchemaAttribute> excluded,
                Context context) {
            return users.get(id);
        }

        @Override
        public PartialListResponse<User> listResources(long startIndex, int count, FilterNode filter,
                SchemaAttribute sortBy, SortOrder sortOrder, List<SchemaAttribute> attributes,
                List<SchemaAttribute> excluded, Context context) {
            List<User> all = new ArrayList<>(users.values());
            return PartialListResponse.<User>builder().resources(all).totalResults(all.size()).build();
        }

        @Override
        public User updateResource(User user, Context context) {
            users.put(user.getId().orElseThrow(), user);
            return user;
        }

        @Override
        public void deleteResource(String id, Context context) {
            users.remove(id);
        }
    }
}
