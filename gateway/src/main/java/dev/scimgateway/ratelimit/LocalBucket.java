package dev.scimgateway.ratelimit;

import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The tokens one replica has leased from a shared bucket, spent locally without a database round
 * trip; concurrent misses share one lease request. Leased tokens keep until spent: the shared
 * bucket counted them when it leased them, and what a replica holds unspent is bounded by one and
 * a half leases, so keeping them adds nothing to the overshoot. They used to expire after a
 * second, which made a tenant seen every few seconds lease on every visit (issue 17).
 */
final class LocalBucket {

    private double tokens;
    private Mono<RateLimitStore.Lease> pending;
    /** Tokens the last lease granted: a short grant means the shared bucket is dry, and leasing ahead would only ask again. */
    private double lastGranted;

    synchronized boolean tryTake() {
        if (tokens >= 1) {
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
    synchronized Mono<RateLimitStore.Lease> lease(Supplier<Mono<RateLimitStore.Lease>> request) {
        if (pending == null) {
            pending = request.get()
                    .doOnNext(lease -> granted(lease.granted()))
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
    private synchronized void granted(double granted) {
        tokens += granted;
        lastGranted = granted;
        pending = null;
    }

    private synchronized void clearPending() {
        pending = null;
    }
}
