package dev.scimgateway.tenancy;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.scim.web.JsonBodies;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The operator's API for tenant admin keys: issued with {@code {"name":...}}, listed without secrets, revoked. */
public final class AdminKeyHandler {

    private static final String KEYS = BasePaths.ADMIN + "/tenants/{tenantId}/admin-keys";

    private final AdminKeys keys;
    private final JsonBodies bodies;
    private final JsonMapper json;

    public AdminKeyHandler(AdminKeys keys, JsonBodies bodies, JsonMapper json) {
        this.keys = keys;
        this.bodies = bodies;
        this.json = json;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST(KEYS, this::issue)
                .GET(KEYS, this::list)
                .DELETE(KEYS + "/{keyId}", this::revoke)
                .build();
    }

    private Mono<ServerResponse> issue(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return bodies.readObject(request)
                .flatMap(body -> Mono.fromCallable(() -> AdminHandler.requiredText(body, "name")))
                .flatMap(name -> keys.issue(tenantId, name))
                .map(issued -> {
                    ObjectNode out = keyJson(issued.key());
                    out.put("key", issued.secret());
                    return out;
                })
                // The key is shown this once: no cache on the way may keep a copy.
                .flatMap(out -> ServerResponse.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(out));
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        return keys.list(request.pathVariable("tenantId")).map(this::keyJson).collectList().flatMap(list -> {
            ArrayNode array = json.createArrayNode();
            list.forEach(array::add);
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(array);
        });
    }

    private Mono<ServerResponse> revoke(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return Mono.fromCallable(() -> AdminHandler.parseId("Admin key", request.pathVariable("keyId")))
                .flatMap(keyId -> keys.revoke(tenantId, keyId))
                .then(ServerResponse.noContent().build());
    }

    private ObjectNode keyJson(AdminKey key) {
        ObjectNode node = json.createObjectNode();
        node.put("id", key.id().toString());
        node.put("name", key.name());
        node.put("createdAt", key.createdAt().toString());
        AdminHandler.putInstant(node, "revokedAt", key.revokedAt());
        return node;
    }
}
