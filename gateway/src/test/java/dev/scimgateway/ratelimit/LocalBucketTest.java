package dev.scimgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** When a replica leases ahead of need, and when it must not. */
class LocalBucketTest {

    private static final long TTL = TimeUnit.SECONDS.toNanos(1);

    private static LocalBucket leased(double granted, long now) {
        var bucket = new LocalBucket(TTL);
        bucket.lease(() -> Mono.just(new RateLimitStore.Lease(granted, 1000)), now).block();
        return bucket;
    }

    @Test
    void leasesAheadOnceHalfOfAFullLeaseIsSpent() {
        long now = System.nanoTime();
        var bucket = leased(10, now);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.runningLow(10)).as("after %d taken", i).isFalse();
            assertThat(bucket.tryTake(now)).isTrue();
        }
        assertThat(bucket.tryTake(now)).isTrue();
        assertThat(bucket.runningLow(10)).as("4 of 10 left").isTrue();
    }

    @Test
    void oneLeaseAheadAtATime() {
        long now = System.nanoTime();
        var bucket = leased(2, now);
        bucket.tryTake(now);
        bucket.tryTake(now);
        assertThat(bucket.runningLow(2)).isTrue();
        bucket.lease(Mono::never, now);
        assertThat(bucket.runningLow(2)).as("a lease is on its way").isFalse();
    }

    @Test
    void aDryBucketOrASingleTokenLeaseIsNotLeasedAhead() {
        long now = System.nanoTime();
        var shortGrant = leased(3, now);
        shortGrant.tryTake(now);
        shortGrant.tryTake(now);
        assertThat(shortGrant.runningLow(10)).as("the shared bucket granted less than asked").isFalse();
        var single = leased(1, now);
        single.tryTake(now);
        assertThat(single.runningLow(1)).isFalse();
    }
}
