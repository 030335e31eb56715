package dev.scimgateway.oauth;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.JsonBodies;
import dev.scimgateway.tenancy.AdminHandler;
import java.util.LinkedHashMap;
import java.util.Map;
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

/** The admin API of a tenant's trusted issuers (federated JWTs): add, list and remove. */
public final class TrustedIssuerHandler {

    static final String TRUSTED_ISSUERS = BasePaths.ADMIN + "/tenants/{tenantId}/trusted-issuers";

    private final TrustedIssuers trusts;
    private final JsonBodies bodies;
    private final JsonMapper json;

    public TrustedIssuerHandler(TrustedIssuers trusts, JsonBodies bodies, JsonMapper json) {
        this.trusts = trusts;
        this.bodies = bodies;
        this.json = json;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST(TRUSTED_ISSUERS, this::add)
                .GET(TRUSTED_ISSUERS, this::list)
                .DELETE(TRUSTED_ISSUERS + "/{trustId}", this::remove)
                .build();
    }

    private Mono<ServerResponse> add(ServerRequest request) {
        return bodies.readObject(request)
                .flatMap(body -> Mono.fromCallable(() -> trustRequest(body)))
                .flatMap(asked -> trusts.add(request.pathVariable("tenantId"), asked))
                .flatMap(trust -> ServerResponse.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(trustJson(trust)));
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        return trusts.list(request.pathVariable("tenantId")).map(this::trustJson).collectList().flatMap(list -> {
            ArrayNode array = json.createArrayNode();
            list.forEach(array::add);
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(array);
        });
    }

    private Mono<ServerResponse> remove(ServerRequest request) {
        return Mono.fromCallable(() -> AdminHandler.parseId("Trusted issuer", request.pathVariable("trustId")))
                .flatMap(id -> trusts.remove(request.pathVariable("tenantId"), id))
                .then(ServerResponse.noContent().build());
    }

    private static TrustRequest trustRequest(JsonNode body) {
        return new TrustRequest(AdminHandler.requiredText(body, "issuer"), AdminHandler.stringList(body, "audiences"),
                AdminHandler.requiredText(body, "jwksUri"), requiredClaims(body));
    }

    /** An object of strings, such as {@code {"tid": "<directory id>"}}; empty when absent. */
    private static Map<String, String> requiredClaims(JsonNode body) {
        JsonNode node = body.get("requiredClaims");
        Map<String, String> claims = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return claims;
        }
        if (!node.isObject()) {
            throw ScimException.invalidValue("'requiredClaims' must be an object of claim names and the string each"
                    + " must hold, such as {\"tid\": \"<directory id>\"}");
        }
        for (Map.Entry<String, JsonNode> claim : node.properties()) {
            if (!claim.getValue().isString()) {
                throw ScimException.invalidValue("'requiredClaims." + claim.getKey() + "' must be a string");
            }
            claims.put(claim.getKey(), claim.getValue().stringValue());
        }
        return claims;
    }

    private ObjectNode trustJson(TrustedIssuer trust) {
        ObjectNode node = json.createObjectNode();
        node.put("id", trust.id().toString());
        node.put("tenantId", trust.tenantId());
        node.put("issuer", trust.issuer());
        trust.audiences().forEach(node.putArray("audiences")::add);
        node.put("jwksUri", trust.jwksUri());
        ObjectNode claims = node.putObject("requiredClaims");
        trust.requiredClaims().forEach(claims::put);
        node.put("createdAt", trust.createdAt().toString());
        return node;
    }
}
