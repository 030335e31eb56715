package dev.scimgateway.ratelimit;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.JsonBodies;
import dev.scimgateway.tenancy.TenantStore;
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

    private final TenantStore tenants;
    private final RateLimitStore store;
    private final TenantRateLimiter limiter;
    private final TenantLimits defaults;
    private final JsonBodies bodies;
    private final JsonMapper json;

    public LimitsAdminHandler(TenantStore tenants, RateLimitStore store, TenantRateLimiter limiter, TenantLimits defaults,
            JsonBodies bodies, JsonMapper json) {
        this.tenants = tenants;
        this.store = store;
        this.limiter = limiter;
        this.defaults = defaults;
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
        String tenantId = request.pathVariable("tenantId");
        return tenants.requireTenant(tenantId)
                .then(store.limits(tenantId).defaultIfEmpty(defaults))
                .flatMap(limits -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(toJson(limits)));
    }

    private Mono<ServerResponse> put(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return tenants.requireTenant(tenantId)
                .then(bodies.readObject(request))
                .flatMap(body -> Mono.fromCallable(() -> new TenantLimits(limit(body, "read"), limit(body, "write"))))
                .flatMap(limits -> store.setLimits(tenantId, limits).then(Mono.fromRunnable(() -> limiter.forget(tenantId)))
                        .then(ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(toJson(limits))));
    }

    private static Limit limit(JsonNode body, String kind) {
        JsonNode node = body.get(kind);
        JsonNode perSecond = node == null ? null : node.get("perSecond");
        JsonNode burst = node == null ? null : node.get("burst");
        if (perSecond == null || !perSecond.isNumber() || !(perSecond.doubleValue() > 0)
                || burst == null || !burst.isNumber() || !(burst.doubleValue() >= 1)) {
            throw ScimException.invalidValue("'" + kind + "' needs {\"perSecond\": a number > 0, \"burst\": a number >= 1}");
        }
        return new Limit(perSecond.doubleValue(), burst.doubleValue());
    }

    private ObjectNode toJson(TenantLimits limits) {
        ObjectNode out = json.createObjectNode();
        out.putObject("read").put("perSecond", limits.read().perSecond()).put("burst", limits.read().burst());
        out.putObject("write").put("perSecond", limits.write().perSecond()).put("burst", limits.write().burst());
        return out;
    }
}
