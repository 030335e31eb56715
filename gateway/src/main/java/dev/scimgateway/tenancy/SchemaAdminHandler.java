package dev.scimgateway.tenancy;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.schema.ExtensionSchemas;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API for a tenant's extension schemas: {@code PUT} registers or replaces one (an RFC
 * 7643 §7 schema document with {@code resourceType} User or Group), {@code GET} lists them,
 * {@code DELETE} removes one. Values already stored under a removed extension stay in the
 * database but are no longer returned.
 */
public final class SchemaAdminHandler {

    private final TenantStore tenants;
    private final TenantSchemaStore schemas;
    private final TenantSchemas catalogs;
    private final JsonBodies bodies;
    private final JsonMapper json;

    public SchemaAdminHandler(TenantStore tenants, TenantSchemaStore schemas, TenantSchemas catalogs, JsonBodies bodies,
            JsonMapper json) {
        this.tenants = tenants;
        this.schemas = schemas;
        this.catalogs = catalogs;
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
        String tenantId = request.pathVariable("tenantId");
        return tenants.requireTenant(tenantId)
                .thenMany(schemas.list(tenantId))
                .collectList()
                .flatMap(documents -> {
                    ArrayNode array = json.createArrayNode();
                    documents.forEach(array::add);
                    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(array);
                });
    }

    private Mono<ServerResponse> put(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        String urn = request.pathVariable("urn");
        return tenants.requireTenant(tenantId)
                .then(bodies.readObject(request))
                .flatMap(body -> Mono.fromCallable(() -> registration(body, urn))
                        .flatMap(registered -> schemas.put(tenantId, registered.schema().id(), registered.resourceType(), body))
                        .flatMap(created -> {
                            catalogs.invalidate(tenantId);
                            return ServerResponse.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(body);
                        }));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        String urn = request.pathVariable("urn");
        return tenants.requireTenant(tenantId)
                .then(schemas.delete(tenantId, urn))
                .flatMap(deleted -> {
                    if (!deleted) {
                        return Mono.error(ScimException.notFound("Tenant '" + tenantId + "' has no schema '" + urn + "'"));
                    }
                    catalogs.invalidate(tenantId);
                    return ServerResponse.noContent().build();
                });
    }

    /** The document as registered: the body, with its id set from the path when it had none. */
    private static ExtensionSchemas.Registered registration(ObjectNode body, String urn) {
        if (!body.has("id")) {
            body.put("id", urn);
        }
        if (!urn.equalsIgnoreCase(body.path("id").asString())) {
            throw ScimException.invalidValue("The schema 'id' (" + body.path("id").asString()
                    + ") must equal the URN in the path (" + urn + ")");
        }
        return ExtensionSchemas.parse(body);
    }
}
