package dev.scimgateway.tenancy;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.scim.web.JsonBodies;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The admin API for a tenant's extension schemas: {@code PUT} registers or replaces one (an RFC
 * 7643 §7 schema document with {@code resourceType} User or Group), {@code GET} lists them,
 * {@code DELETE} removes one ({@link ExtensionSchemaRegistry}).
 */
public final class SchemaAdminHandler {

    private final ExtensionSchemaRegistry registry;
    private final JsonBodies bodies;
    private final JsonMapper json;

    public SchemaAdminHandler(ExtensionSchemaRegistry registry, JsonBodies bodies, JsonMapper json) {
        this.registry = registry;
        this.bodies = bodies;
        this.json = json;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(BasePaths.ADMIN + "/tenants/{tenantId}/schemas", this::list)
                .PUT(BasePaths.ADMIN + "/tenants/{tenantId}/schemas/{urn}", this::put)
                .DELETE(BasePaths.ADMIN + "/tenants/{tenantId}/schemas/{urn}", this::delete)
                .build();
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        return registry.list(request.pathVariable("tenantId"))
                .collectList()
                .flatMap(documents -> {
                    ArrayNode array = json.createArrayNode();
                    documents.forEach(array::add);
                    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(array);
                });
    }

    private Mono<ServerResponse> put(ServerRequest request) {
        return registry.register(request.pathVariable("tenantId"), request.pathVariable("urn"), bodies.readObject(request))
                .flatMap(registered -> ServerResponse.status(registered.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(registered.document()));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        return registry.remove(request.pathVariable("tenantId"), request.pathVariable("urn"))
                .then(ServerResponse.noContent().build());
    }
}
