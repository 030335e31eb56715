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
    /** Tokens the last lease granted: a short grant means the shared bucket is dry, and leasing ahead would only ask again. */
    private double lastGranted;

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

    /**
     * Whether to lease ahead: fewer than half of a full lease's tokens are left and none is on its
     * way. Otherwise every request of the tenant on this replica waits for a round trip each time
     * the tokens run out. A lease of one token is left to the request that needs it.
     */
    synchronized boolean runningLow(double leaseSize) {
        return pending == null && leaseSize >= 2 && lastGranted >= leaseSize && tokens < leaseSize / 2;
    }

    /** The lease in flight, or a new one from {@code request}; whoever comes first asks, the rest wait for it. */
    synchronized Mono<RateLimitStore.Lease> lease(Supplier<Mono<RateLimitStore.Lease>> request, long nowNanos) {
        if (pending == null) {
            pending = request.get()
                    .doOnNext(lease -> granted(lease.granted(), System.nanoTime()))
                    // Only this lease's own outcome clears it: a value in granted(), or an error here.
                    .doOnError(e -> clearPending())
                    .cache();
        }
        return pending;
    }

    /**
     * Stores the tokens and forgets the lease before its waiters see it, so that a waiter that
     * finds the tokens already spent asks for a new lease instead of getting this one again.
     */
    private synchronized void granted(double granted, long nowNanos) {
        boolean live = nowNanos - expiresAtNanos < 0;
        tokens = (live ? tokens : 0) + granted;
        lastGranted = granted;
        expiresAtNanos = nowNanos + leaseTtlNanos;
        pending = null;
    }

    private synchronized void clearPending() {
        pending = null;
    }
}
