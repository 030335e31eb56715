package dev.scimgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** When a replica leases ahead of need, and when it must not. */
class LocalBucketTest {

    private static LocalBucket leased(double granted) {
        var bucket = new LocalBucket();
        bucket.lease(() -> Mono.just(new RateLimitStore.Lease(granted, 1000))).block();
        return bucket;
    }

    @Test
    void leasesAheadOnceHalfOfAFullLeaseIsSpent() {
        var bucket = leased(10);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.runningLow(10)).as("after %d taken", i).isFalse();
            assertThat(bucket.tryTake()).isTrue();
        }
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.runningLow(10)).as("4 of 10 left").isTrue();
    }

    @Test
    void oneLeaseAheadAtATime() {
        var bucket = leased(2);
        bucket.tryTake();
        bucket.tryTake();
        assertThat(bucket.runningLow(2)).isTrue();
        bucket.lease(Mono::never);
        assertThat(bucket.runningLow(2)).as("a lease is on its way").isFalse();
    }

    @Test
    void aDryBucketOrASingleTokenLeaseIsNotLeasedAhead() {
        var shortGrant = leased(3);
        shortGrant.tryTake();
        shortGrant.tryTake();
        assertThat(shortGrant.runningLow(10)).as("the shared bucket granted less than asked").isFalse();
        var single = leased(1);
        single.tryTake();
        assertThat(single.runningLow(1)).isFalse();
    }
}
