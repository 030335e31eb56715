package dev.scimgateway.ratelimit;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.tenancy.TenantStore;
import reactor.core.publisher.Mono;

/**
 * A tenant's rate limits as the admin API and the console see them: the limits in force (its own,
 * or the configured defaults), setting them, and how much of its budget it is spending now.
 */
public final class RateLimits {

    /** @param own the tenant has limits of its own; false when the defaults apply */
    public record Setting(TenantLimits limits, boolean own) {}

    /**
     * The shared buckets' levels now. Replicas lease tokens ahead in small shares, so a bucket shows
     * the leased tokens as spent: the level is the budget left to the tenant, give or take a lease.
     */
    public record Usage(TenantLimits limits, double readAvailable, double writeAvailable) {

        /** The share of the read burst spent now, 0 to 1. */
        public double readSpent() {
            return spent(readAvailable, limits.read());
        }

        public double writeSpent() {
            return spent(writeAvailable, limits.write());
        }

        private static double spent(double available, Limit limit) {
            return Math.max(0, Math.min(1, 1 - available / limit.burst()));
        }
    }

    private final TenantStore tenants;
    private final RateLimitStore store;
    private final TenantRateLimiter limiter;
    private final TenantLimits defaults;

    public RateLimits(TenantStore tenants, RateLimitStore store, TenantRateLimiter limiter, TenantLimits defaults) {
        this.tenants = tenants;
        this.store = store;
        this.limiter = limiter;
        this.defaults = defaults;
    }

    /** 404 for an unknown tenant. */
    public Mono<Setting> inForce(String tenantId) {
        return tenants.requireTenant(tenantId)
                .then(store.limits(tenantId).map(limits -> new Setting(limits, true))
                        .defaultIfEmpty(new Setting(defaults, false)));
    }

    /** Sets the tenant's own limits; they apply at once on this replica, within seconds on the others. */
    public Mono<TenantLimits> set(String tenantId, TenantLimits limits) {
        return tenants.requireTenant(tenantId)
                .then(store.setLimits(tenantId, limits))
                .then(Mono.fromRunnable(() -> limiter.forget(tenantId)))
                .thenReturn(limits);
    }

    /** A limit as an admin asked for it; one that cannot be is a 400 that says what would be. */
    public static Limit limit(String kind, double perSecond, double burst) {
        if (!(perSecond > 0) || !(burst >= 1) || Double.isInfinite(perSecond) || Double.isInfinite(burst)) {
            throw badLimit(kind);
        }
        return new Limit(perSecond, burst);
    }

    static ScimException badLimit(String kind) {
        return ScimException.invalidValue("'" + kind + "' needs {\"perSecond\": a number > 0, \"burst\": a number >= 1}");
    }

    public Mono<Usage> usage(String tenantId) {
        return inForce(tenantId).flatMap(setting -> {
            TenantLimits limits = setting.limits();
            return Mono.zip(store.available(tenantId, TenantLimits.Kind.READ, limits.read()),
                    store.available(tenantId, TenantLimits.Kind.WRITE, limits.write()),
                    (read, write) -> new Usage(limits, read, write));
        });
    }
}
