package dev.scimgateway.tenancy;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.scim.protocol.NulCharacters;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.JsonBodies;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

/** The admin API: tenants and their named tokens. */
public final class AdminHandler {


    private final TenantStore store;
    private final TenantTokens tokens;
    private final JsonBodies bodies;
    private final JsonMapper json;
    private final Clock clock;

    public AdminHandler(TenantStore store, TenantTokens tokens, JsonBodies bodies, JsonMapper json, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.bodies = bodies;
        this.json = json;
        this.clock = clock;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST(BasePaths.ADMIN + "/tenants", this::createTenant)
                .GET(BasePaths.ADMIN + "/tenants", this::listTenants)
                .POST(BasePaths.ADMIN + "/tenants/{tenantId}/tokens", this::createToken)
                .GET(BasePaths.ADMIN + "/tenants/{tenantId}/tokens", this::listTokens)
                .DELETE(BasePaths.ADMIN + "/tenants/{tenantId}/tokens/{tokenId}", this::revokeToken)
                .build();
    }

    private Mono<ServerResponse> createTenant(ServerRequest request) {
        return bodies.readObject(request)
                .flatMap(body -> Mono.fromCallable(() -> newTenant(body)))
                .flatMap(tenant -> store.createTenant(tenant.id(), tenant.displayName()))
                .flatMap(tenant -> ServerResponse.status(HttpStatus.CREATED)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(tenantJson(tenant)));
    }

    private Mono<ServerResponse> listTenants(ServerRequest request) {
        return store.listTenants().map(this::tenantJson).collectList().flatMap(tenants -> {
            ArrayNode array = json.createArrayNode();
            tenants.forEach(array::add);
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(array);
        });
    }

    private Mono<ServerResponse> createToken(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return store.requireTenant(tenantId)
                .then(bodies.readObject(request))
                .flatMap(body -> Mono.fromCallable(() -> new TokenRequest(requiredText(body, "name"),
                        stringList(body, "scopes"), optionalInstant(body, "expiresAt"))))
                .flatMap(asked -> tokens.issue(tenantId, asked.name(), asked.scopes(), asked.expiresAt()))
                .map(issued -> {
                    ObjectNode out = tokenJson(issued.token());
                    out.put("token", issued.secret());
                    return out;
                })
                // The token is shown this once: no cache on the way may keep a copy.
                .flatMap(out -> ServerResponse.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(out));
    }

    private Mono<ServerResponse> listTokens(ServerRequest request) {
        return tokens.list(request.pathVariable("tenantId"))
                .map(this::tokenJson)
                .collectList()
                .flatMap(list -> {
                    ArrayNode array = json.createArrayNode();
                    list.forEach(array::add);
                    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(array);
                });
    }

    private Mono<ServerResponse> revokeToken(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return Mono.fromCallable(() -> parseId("Token", request.pathVariable("tokenId")))
                .flatMap(tokenId -> tokens.revoke(tenantId, tokenId))
                .then(ServerResponse.noContent().build());
    }

    private record TokenRequest(String name, List<String> scopes, @Nullable Instant expiresAt) {}

    /** The tenant a creation body asks for. */
    private static Tenant newTenant(JsonNode body) {
        return Tenant.requested(requiredText(body, "id"), optionalText(body, "displayName"));
    }

    public static UUID parseId(String what, String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ScimException.notFound(what + " id '" + raw + "' is not an id");
        }
    }

    /** An optional RFC 3339 instant such as {@code 2027-01-31T00:00:00Z}. */
    private static @Nullable Instant optionalInstant(JsonNode body, String field) {
        String text = optionalText(body, field);
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw ScimException.invalidValue("'" + field + "' must be a date and time with offset, such as"
                    + " 2027-01-31T00:00:00Z");
        }
    }

    /** An optional array of strings; empty when absent. */
    public static List<String> stringList(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ScimException.invalidValue("'" + field + "' must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isString()) {
                throw ScimException.invalidValue("'" + field + "' must be an array of strings");
            }
            values.add(element.stringValue());
        }
        return values;
    }

    public static String requiredText(JsonNode body, String field) {
        String value = optionalText(body, field);
        if (value == null || value.isBlank()) {
            throw ScimException.invalidValue("'" + field + "' is required and must be a non-empty string");
        }
        return value;
    }

    public static @Nullable String optionalText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw ScimException.invalidValue("'" + field + "' must be a string");
        }
        if (NulCharacters.in(node.stringValue())) {
            throw NulCharacters.inValueOf(field);
        }
        return node.stringValue();
    }

    private ObjectNode tenantJson(Tenant tenant) {
        ObjectNode node = json.createObjectNode();
        node.put("id", tenant.id());
        node.put("displayName", tenant.displayName());
        node.put("createdAt", tenant.createdAt().toString());
        return node;
    }

    private ObjectNode tokenJson(TenantToken token) {
        ObjectNode node = json.createObjectNode();
        node.put("id", token.id().toString());
        node.put("name", token.name());
        node.put("createdAt", token.createdAt().toString());
        putInstant(node, "lastUsedAt", token.lastUsedAt());
        putInstant(node, "revokedAt", token.revokedAt());
        putInstant(node, "expiresAt", token.expiresAt());
        ArrayNode scopes = node.putArray("scopes");
        token.scopes().forEach(scopes::add);
        node.put("status", token.status(clock.instant()));
        if (token.oauthClientId() != null) {
            node.put("oauthClientId", token.oauthClientId());
        }
        if (token.trustedIssuer() != null) {
            node.put("trustedIssuer", token.trustedIssuer());
        }
        return node;
    }

    public static void putInstant(ObjectNode node, String field, @Nullable Instant value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toString());
        }
    }
}
