package dev.scimgateway.oauth;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.scim.web.JsonBodies;
import dev.scimgateway.tenancy.AdminHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API of OAuth clients: a tenant's (its admin's or the operator's), and the
 * deployment-wide ones (the operator's only, which the admin API's access rule gives by default).
 */
public final class OAuthClientHandler {

    static final String TENANT_CLIENTS = BasePaths.ADMIN + "/tenants/{tenantId}/oauth-clients";
    static final String DEPLOYMENT_CLIENTS = BasePaths.ADMIN + "/oauth-clients";

    private final OAuthClients clients;
    private final JsonBodies bodies;
    private final JsonMapper json;

    public OAuthClientHandler(OAuthClients clients, JsonBodies bodies, JsonMapper json) {
        this.clients = clients;
        this.bodies = bodies;
        this.json = json;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST(TENANT_CLIENTS, request -> register(request, request.pathVariable("tenantId")))
                .GET(TENANT_CLIENTS, request -> list(request.pathVariable("tenantId")))
                .DELETE(TENANT_CLIENTS + "/{clientId}", request -> delete(request, request.pathVariable("tenantId")))
                .POST(DEPLOYMENT_CLIENTS, request -> register(request, null))
                .GET(DEPLOYMENT_CLIENTS, request -> list(null))
                .DELETE(DEPLOYMENT_CLIENTS + "/{clientId}", request -> delete(request, null))
                .build();
    }

    private Mono<ServerResponse> register(ServerRequest request, @Nullable String tenantId) {
        return bodies.readObject(request)
                .flatMap(body -> Mono.fromCallable(() -> registration(body)))
                .flatMap(asked -> clients.register(tenantId, asked))
                .map(registered -> {
                    ObjectNode out = clientJson(registered.client());
                    out.put("clientSecret", registered.secret());
                    return out;
                })
                // The secret is shown this once: no cache on the way may keep a copy.
                .flatMap(out -> ServerResponse.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(out));
    }

    private Mono<ServerResponse> list(@Nullable String tenantId) {
        return clients.list(tenantId).map(this::clientJson).collectList().flatMap(list -> {
            ArrayNode array = json.createArrayNode();
            list.forEach(array::add);
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(array);
        });
    }

    private Mono<ServerResponse> delete(ServerRequest request, @Nullable String tenantId) {
        return clients.delete(tenantId, request.pathVariable("clientId")).then(ServerResponse.noContent().build());
    }

    private static OAuthClients.Registration registration(JsonNode body) {
        return new OAuthClients.Registration(AdminHandler.requiredText(body, "name"),
                AdminHandler.stringList(body, "redirectUris"), AdminHandler.stringList(body, "grantTypes"),
                AdminHandler.optionalText(body, "oktaApp"));
    }

    private ObjectNode clientJson(OAuthClient client) {
        ObjectNode node = json.createObjectNode();
        node.put("clientId", client.clientId());
        if (client.tenantId() == null) {
            node.putNull("tenantId");
        } else {
            node.put("tenantId", client.tenantId());
        }
        node.put("name", client.name());
        ArrayNode uris = node.putArray("redirectUris");
        client.redirectUris().forEach(uris::add);
        ArrayNode types = node.putArray("grantTypes");
        client.grantTypes().forEach(types::add);
        node.put("createdAt", client.createdAt().toString());
        return node;
    }
}
