package dev.scimgateway.tenancy;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.scim.protocol.NulCharacters;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.JsonBodies;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
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

    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final int MAX_NAME_LENGTH = 200;

    private final TenantStore store;
    private final TokenCodec codec;
    private final TokenRegistry registry;
    private final JsonBodies bodies;
    private final JsonMapper json;
    private final Clock clock;

    public AdminHandler(TenantStore store, TokenCodec codec, TokenRegistry registry, JsonBodies bodies,
            JsonMapper json, Clock clock) {
        this.store = store;
        this.codec = codec;
        this.registry = registry;
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
                .flatMap(body -> Mono.fromCallable(() -> tokenName(body)))
                .flatMap(name -> {
                    UUID tokenId = UUID.randomUUID();
                    String token = codec.issue(tenantId, tokenId, clock.instant());
                    byte[] hash = TokenCodec.hash(token);
                    return store.insertToken(tenantId, tokenId, name, hash).map(saved -> {
                        registry.remember(new TokenState(tokenId, tenantId, hash, false, Instant.EPOCH));
                        ObjectNode out = tokenJson(saved);
                        out.put("token", token);
                        return out;
                    });
                })
                // The token is shown this once: no cache on the way may keep a copy.
                .flatMap(out -> ServerResponse.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(out));
    }

    private Mono<ServerResponse> listTokens(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return store.requireTenant(tenantId)
                .thenMany(store.listTokens(tenantId))
                .map(this::tokenJson)
                .collectList()
                .flatMap(tokens -> {
                    ArrayNode array = json.createArrayNode();
                    tokens.forEach(array::add);
                    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(array);
                });
    }

    private Mono<ServerResponse> revokeToken(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return store.requireTenant(tenantId)
                .then(Mono.fromCallable(() -> parseTokenId(request.pathVariable("tokenId"))))
                .flatMap(tokenId -> store.revokeToken(tenantId, tokenId).flatMap(revoked -> {
                    if (!revoked) {
                        return Mono.error(ScimException.notFound("Tenant '" + tenantId + "' has no active token " + tokenId));
                    }
                    registry.remember(new TokenState(tokenId, tenantId, new byte[0], true, clock.instant()));
                    return ServerResponse.noContent().build();
                }));
    }

    /** The tenant a creation body asks for; its id must be a DNS-label-like slug. */
    private static Tenant newTenant(JsonNode body) {
        String id = requiredText(body, "id");
        if (!TENANT_ID.matcher(id).matches()) {
            throw ScimException.invalidValue("Tenant id '" + id
                    + "' is invalid: use 1 to 63 lower-case letters, digits and '-', starting with a letter or digit");
        }
        String displayName = optionalText(body, "displayName");
        return new Tenant(id, displayName == null ? id : displayName, Instant.EPOCH);
    }

    private static String tokenName(JsonNode body) {
        String name = requiredText(body, "name");
        if (name.length() > MAX_NAME_LENGTH) {
            throw ScimException.invalidValue("Token name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    private static UUID parseTokenId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ScimException.notFound("Token id '" + raw + "' is not a token id");
        }
    }

    private static String requiredText(JsonNode body, String field) {
        String value = optionalText(body, field);
        if (value == null || value.isBlank()) {
            throw ScimException.invalidValue("'" + field + "' is required and must be a non-empty string");
        }
        return value;
    }

    private static @Nullable String optionalText(JsonNode body, String field) {
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
        return node;
    }

    private static void putInstant(ObjectNode node, String field, @Nullable Instant value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toString());
        }
    }
}
