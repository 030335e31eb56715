package dev.scimgateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import dev.scimgateway.memory.PerTenant;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Per-tenant token buckets that hold across replicas: each replica leases a small share of the
 * shared bucket (a tenth of the burst or of a second's rate, whichever is smaller) and spends it
 * locally, leasing the next share when half of the current one is spent. The global limit is
 * therefore exact up to the tokens leased but not yet spent: at most one and a half leases per
 * replica and kind. A tenant's limits and leased tokens stay in memory until its limits change
 * ({@link #forget}, called for changes made on any replica) or it goes unused for {@code idle}.
 */
public final class TenantRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(TenantRateLimiter.class);
    private static final double LEASE_SHARE = 0.1;
    /** Rate limiting runs before the request timeout: a stuck database must not stall it. */
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(1);
    /** Spares the shared bucket a lease attempt per waiting operation when the next token is only nanoseconds away. */
    private static final Duration MIN_PACING_WAIT = Duration.ofMillis(5);
    /** Bounds the leases one request may wait for when many requests share a replica's leases. */
    private static final int MAX_LEASES_PER_REQUEST = 20;

    /** Whether a request may proceed, and if not, how long until the bucket holds a token again. */
    public record Decision(boolean allowed, Duration retryAfter) {
        static final Decision ALLOW = new Decision(true, Duration.ZERO);

        /** For the Retry-After header, which counts whole seconds. */
        public long retryAfterSeconds() {
            return (retryAfter.toMillis() + 999) / 1000;
        }
    }

    private final RateLimitStore store;
    private final TenantLimits defaults;
    /**
     * The leases of the tenants in use. A bucket dropped (idle, or evicted for size) loses its
     * unspent tokens, which the shared bucket already counted as spent: the tenant gets fewer
     * requests for a moment, never more.
     */
    private final Cache<String, LocalBucket> buckets;
    /** Each tenant's limits, kept until they change or the tenant goes idle. */
    private final Cache<String, Mono<TenantLimits>> limits;

    public TenantRateLimiter(RateLimitStore store, TenantLimits defaults, Duration idle, int maximumTenants) {
        this.store = store;
        this.defaults = defaults;
        this.buckets = PerTenant.cache(maximumTenants * TenantLimits.Kind.values().length, idle);
        this.limits = PerTenant.cache(maximumTenants, idle);
    }

    /** The tenants whose limits this replica keeps, and the buckets it keeps (two kinds per tenant). */
    public long tenantsInMemory() {
        limits.cleanUp();
        buckets.cleanUp();
        return Math.max(limits.estimatedSize(), (buckets.estimatedSize() + 1) / 2);
    }

    public Mono<Decision> acquire(String tenantId, TenantLimits.Kind kind) {
        return limitsOf(tenantId).flatMap(tenantLimits -> {
            Limit limit = tenantLimits.of(kind);
            LocalBucket bucket = buckets.get(bucketKey(tenantId, kind), k -> new LocalBucket());
            return take(tenantId, kind, limit, bucket, MAX_LEASES_PER_REQUEST)
                    // Fail open: if the shared bucket cannot be reached the database is in trouble, and the
                    // overload protection in front of it answers 503; refusing here would only add 429s.
                    .onErrorResume(e -> {
                        log.debug("Rate-limit lease for tenant {} failed; allowing: {}", tenantId, e.toString());
                        return Mono.just(Decision.ALLOW);
                    });
        });
    }

    /**
     * Waits for a token instead of refusing. The operations of a bulk request or an NDJSON stream
     * were admitted together, and their client cannot be told to retry one of them; each still
     * spends the tenant's write budget, so a stream writes at the tenant's limit, not past it.
     */
    public Mono<Void> pace(String tenantId, TenantLimits.Kind kind) {
        return acquire(tenantId, kind).flatMap(decision -> decision.allowed() ? Mono.<Void>empty()
                : Mono.delay(decision.retryAfter().plus(MIN_PACING_WAIT)).then(Mono.defer(() -> pace(tenantId, kind))));
    }

    /**
     * Takes a local token, leasing more when there is none. Concurrent requests share a lease; one
     * that finds the lease spent by the others leases again as long as the shared bucket granted
     * in full, so a burst is limited by the bucket, not by the lease size.
     */
    private Mono<Decision> take(String tenantId, TenantLimits.Kind kind, Limit limit, LocalBucket bucket, int leasesLeft) {
        double wanted = leaseSize(limit);
        if (bucket.tryTake()) {
            if (bucket.runningLow(wanted)) {
                // The next lease is on its way before the tokens run out; the bucket lets one be pending at a time.
                bucket.lease(leaseFrom(tenantId, kind, limit, wanted)).subscribe(lease -> { },
                        e -> log.debug("Lease ahead for tenant {} failed: {}", tenantId, e.toString()));
            }
            return Mono.just(Decision.ALLOW);
        }
        return bucket.lease(leaseFrom(tenantId, kind, limit, wanted))
                .flatMap(lease -> {
                    if (bucket.tryTake()) {
                        return Mono.just(Decision.ALLOW);
                    }
                    if (lease.granted() >= wanted && leasesLeft > 1) {
                        return take(tenantId, kind, limit, bucket, leasesLeft - 1);
                    }
                    return Mono.just(new Decision(false, untilOneToken(limit, lease.available())));
                });
    }

    /**
     * Applies new limits: at once on the replica that set them, within a poll of the settings'
     * changes on the others. The tokens this replica leased under the old limits go with them:
     * spending them would let the old limits run on. The shared bucket already caps what it holds
     * at the new burst.
     */
    public void forget(String tenantId) {
        limits.invalidate(tenantId);
        for (TenantLimits.Kind kind : TenantLimits.Kind.values()) {
            buckets.invalidate(bucketKey(tenantId, kind));
        }
    }

    private static String bucketKey(String tenantId, TenantLimits.Kind kind) {
        return tenantId + "\n" + kind.wireName();
    }

    /** A failed read is not kept: the defaults apply to this request, and the next one reads again. */
    private Mono<TenantLimits> limitsOf(String tenantId) {
        return limits.get(tenantId, id -> PerTenant.loadedOnce(store.limits(id)
                .timeout(STORE_TIMEOUT)
                .defaultIfEmpty(defaults)))
                .onErrorReturn(defaults);
    }

    /** Built only when a lease is wanted: most requests spend a local token and need none. */
    private Supplier<Mono<RateLimitStore.Lease>> leaseFrom(String tenantId, TenantLimits.Kind kind, Limit limit,
            double wanted) {
        return () -> store.lease(tenantId, kind, limit, wanted).timeout(STORE_TIMEOUT);
    }

    private static double leaseSize(Limit limit) {
        return Math.max(1, Math.floor(Math.min(limit.burst(), limit.perSecond()) * LEASE_SHARE));
    }

    private static Duration untilOneToken(Limit limit, double available) {
        return Duration.ofNanos((long) Math.ceil(Math.max(0, 1 - available) / limit.perSecond() * 1e9));
    }
}
