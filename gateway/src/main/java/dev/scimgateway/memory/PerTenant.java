package dev.scimgateway.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Bounded caches for state kept per tenant (or per token), so that memory follows the tenants in
 * use, not every tenant ever seen: with 10,000 tenants a plain map would keep all of them for the
 * life of the process. Each cache holds at most {@code maximumSize} entries and drops an entry
 * left unused for {@code idle}; everything cached must be safe to lose, because it is read again
 * from the database (or started afresh) when next needed.
 */
public final class PerTenant {

    /**
     * The tenants (or tokens) each cache keeps by default: above the 10,000 active tenants the
     * gateway is sized for, so that a working set of that size is never evicted.
     */
    public static final int DEFAULT_MAXIMUM_SIZE = 20_000;

    /**
     * How long settings kept until they change (limits, schema catalogs, leased tokens) stay for a
     * tenant that sends nothing: long enough for an IdP that syncs every few minutes to find them,
     * short enough that tenants gone quiet give their memory back within the hour.
     */
    public static final Duration DEFAULT_IDLE = Duration.ofHours(1);

    /** What {@link Mono#cache} takes as "never expire": it schedules nothing for it. */
    private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

    private PerTenant() {
    }

    /**
     * A load to keep in one of these caches: its value is shared by every later subscriber for as
     * long as the entry lives (until dropped for a change, idleness or size); a failure or an empty
     * result is not kept, so the next subscriber loads again.
     */
    public static <V> Mono<V> loadedOnce(Mono<V> load) {
        return load.cache(value -> FOREVER, error -> Duration.ZERO, () -> Duration.ZERO);
    }

    public static <K, V> Cache<K, V> cache(int maximumSize, Duration idle) {
        return Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterAccess(idle)
                // Evictions and expiries are done by the thread that touches the cache, in a few
                // instructions: no hop to the common pool from an event loop, and nothing scheduled.
                .executor(Runnable::run)
                .build();
    }
}
