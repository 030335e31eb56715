package dev.scimgateway.ratelimit;

import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.observability.MetersByTag;
import dev.scimgateway.observability.TenantTags;
import dev.scimgateway.scim.protocol.ScimException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Applies the tenant's read or write budget to every authenticated SCIM request; over it, 429 with Retry-After. */
public final class RateLimitFilter implements EdgeStep {

    private record Refused(String tenant, TenantLimits.Kind kind) {}

    private final TenantRateLimiter limiter;
    private final TenantTags tenants;
    private final MetersByTag<Refused, Counter> refusals;

    public RateLimitFilter(TenantRateLimiter limiter, MeterRegistry meters, TenantTags tenants) {
        this.limiter = limiter;
        this.tenants = tenants;
        this.refusals = new MetersByTag<>(refused -> Counter.builder("scim.rate.limited")
                .description("Requests refused with 429 because the tenant's budget was spent")
                .tag("tenant", refused.tenant())
                .tag("kind", refused.kind().wireName())
                .register(meters));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        RequestContext context = RequestContext.of(exchange);
        String tenantId = context.tenant().tenantId();
        // Searches are reads even though they are POSTs.
        TenantLimits.Kind kind = context.isRead() ? TenantLimits.Kind.READ : TenantLimits.Kind.WRITE;
        return limiter.acquire(tenantId, kind).flatMap(decision -> {
            if (decision.allowed()) {
                return chain.filter(exchange);
            }
            refusals.of(new Refused(tenants.of(tenantId), kind)).increment();
            return Mono.error(ScimException.tooManyRequests("The tenant's " + kind.wireName()
                    + " rate limit is reached; retry after the Retry-After interval", decision.retryAfterSeconds()));
        });
    }

}
