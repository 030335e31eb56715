package dev.scimgateway.ratelimit;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.scim.web.JsonBodies;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code PUT|GET /admin/v1/tenants/{id}/limits}:
 * {@code {"read":{"perSecond":50,"burst":100},"write":{"perSecond":20,"burst":40}}}. GET shows the
 * limits in force, the configured defaults when the tenant has none of its own.
 */
public final class LimitsAdminHandler {

    private final RateLimits limits;
    private final JsonBodies bodies;
    private final JsonMapper json;

    public LimitsAdminHandler(RateLimits limits, JsonBodies bodies, JsonMapper json) {
        this.limits = limits;
        this.bodies = bodies;
        this.json = json;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(BasePaths.ADMIN + "/tenants/{tenantId}/limits", this::get)
                .PUT(BasePaths.ADMIN + "/tenants/{tenantId}/limits", this::put)
                .build();
    }

    private Mono<ServerResponse> get(ServerRequest request) {
        return limits.inForce(request.pathVariable("tenantId"))
                .flatMap(setting -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(toJson(setting.limits())));
    }

    private Mono<ServerResponse> put(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return limits.inForce(tenantId)
                .then(bodies.readObject(request))
                .flatMap(body -> Mono.fromCallable(() -> new TenantLimits(limit(body, "read"), limit(body, "write"))))
                .flatMap(wanted -> limits.set(tenantId, wanted))
                .flatMap(set -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(toJson(set)));
    }

    private static Limit limit(JsonNode body, String kind) {
        JsonNode node = body.get(kind);
        JsonNode perSecond = node == null ? null : node.get("perSecond");
        JsonNode burst = node == null ? null : node.get("burst");
        if (perSecond == null || !perSecond.isNumber() || burst == null || !burst.isNumber()) {
            throw RateLimits.badLimit(kind);
        }
        return RateLimits.limit(kind, perSecond.doubleValue(), burst.doubleValue());
    }

    private ObjectNode toJson(TenantLimits limits) {
        ObjectNode out = json.createObjectNode();
        out.putObject("read").put("perSecond", limits.read().perSecond()).put("burst", limits.read().burst());
        out.putObject("write").put("perSecond", limits.write().perSecond()).put("burst", limits.write().burst());
        return out;
    }
}
