package dev.scimgateway.ratelimit;

import reactor.core.publisher.Mono;

/** The shared side of rate limiting: per-tenant limits and the token buckets all replicas draw from. */
public interface RateLimitStore {

    /** The tenant's own limits, or empty when it uses the defaults. */
    Mono<TenantLimits> limits(String tenantId);

    Mono<Void> setLimits(String tenantId, TenantLimits limits);

    /**
     * Refills the shared bucket for the time passed, takes up to {@code wanted} tokens from it and
     * emits what it granted (0 when the bucket is empty) and what was available.
     */
    Mono<Lease> lease(String tenantId, TenantLimits.Kind kind, Limit limit, double wanted);

    /**
     * The tokens the shared bucket holds now, refilled for the time passed, without taking any;
     * {@code limit.burst()} when the tenant has not spent from it yet.
     */
    Mono<Double> available(String tenantId, TenantLimits.Kind kind, Limit limit);

    /** The outcome of a lease. */
    record Lease(double granted, double available) {}
}
