package dev.scimgateway.ratelimit;

import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The tokens one replica has leased from a shared bucket. Leased tokens are spent locally without
 * a database round trip and expire quickly, so an idle replica cannot hoard budget; concurrent
 * misses share one lease request.
 */
final class LocalBucket {

    private final long leaseTtlNanos;
    private double tokens;
    private long expiresAtNanos;
    private Mono<RateLimitStore.Lease> pending;

    LocalBucket(long leaseTtlNanos) {
        this.leaseTtlNanos = leaseTtlNanos;
    }

    synchronized boolean tryTake(long nowNanos) {
        if (nowNanos - expiresAtNanos < 0 && tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** The lease in flight, or a new one from {@code request}; whoever comes first asks, the rest wait for it. */
    synchronized Mono<RateLimitStore.Lease> lease(Supplier<Mono<RateLimitStore.Lease>> request, long nowNanos) {
        if (pending == null) {
            pending = request.get()
                    .doOnNext(lease -> granted(lease.granted(), System.nanoTime()))
                    .doFinally(signal -> clearPending())
                    .cache();
        }
        return pending;
    }

    private synchronized void granted(double granted, long nowNanos) {
        boolean live = nowNanos - expiresAtNanos < 0;
        tokens = (live ? tokens : 0) + granted;
        expiresAtNanos = nowNanos + leaseTtlNanos;
    }

    private synchronized void clearPending() {
        pending = null;
    }
}
