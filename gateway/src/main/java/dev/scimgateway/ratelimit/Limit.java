package dev.scimgateway.ratelimit;

/** A token bucket: a sustained rate and the burst it may save up. */
public record Limit(double perSecond, double burst) {

    public Limit {
        if (!(perSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("perSecond must be > 0 and burst >= 1");
        }
    }
}
