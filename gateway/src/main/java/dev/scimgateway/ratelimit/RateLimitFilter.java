package dev.scimgateway.ratelimit;

import dev.scimgateway.observability.TenantTags;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.tenancy.TenantPrincipal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Applies the tenant's read or write budget to every authenticated SCIM request; over it, 429 with Retry-After. */
public final class RateLimitFilter implements WebFilter, Ordered {

    private final TenantRateLimiter limiter;
    private final MeterRegistry meters;
    private final TenantTags tenants;

    public RateLimitFilter(TenantRateLimiter limiter, MeterRegistry meters, TenantTags tenants) {
        this.limiter = limiter;
        this.meters = meters;
        this.tenants = tenants;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var principal = TenantPrincipal.find(exchange);
        if (principal.isEmpty()) {
            return chain.filter(exchange);
        }
        String tenantId = principal.get().tenantId();
        TenantLimits.Kind kind = kindOf(exchange);
        return limiter.acquire(tenantId, kind).flatMap(decision -> {
            if (decision.allowed()) {
                return chain.filter(exchange);
            }
            Counter.builder("scim.rate.limited")
                    .description("Requests refused with 429 because the tenant's budget was spent")
                    .tag("tenant", tenants.of(tenantId))
                    .tag("kind", kind.wireName())
                    .register(meters)
                    .increment();
            return Mono.error(ScimException.tooManyRequests("The tenant's " + kind.wireName()
                    + " rate limit is reached; retry after the Retry-After interval", decision.retryAfterSeconds()));
        });
    }

    /** Searches are reads even though they are POSTs. */
    private static TenantLimits.Kind kindOf(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        boolean search = exchange.getRequest().getPath().value().endsWith("/.search");
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || search
                ? TenantLimits.Kind.READ : TenantLimits.Kind.WRITE;
    }

    @Override
    public int getOrder() {
        // After authentication (limits are per tenant), before idempotency so that retry storms are limited too.
        return Ordered.HIGHEST_PRECEDENCE + 15;
    }
}
