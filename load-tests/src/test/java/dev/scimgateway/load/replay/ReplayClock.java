package dev.scimgateway.load.replay;

import java.util.concurrent.atomic.AtomicLong;

/** Maps captured times onto the replay's wall clock, {@code speed} times faster than captured. */
public final class ReplayClock {

    private final double speed;
    private final AtomicLong startMillis = new AtomicLong();

    public ReplayClock(double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("replay.speed must be above 0, was " + speed);
        }
        this.speed = speed;
    }

    /** The first lane to ask starts the clock, so that time zero is when traffic begins, not when Gatling loads. */
    public long millisUntil(long capturedMillis) {
        long now = System.currentTimeMillis();
        startMillis.compareAndSet(0, now);
        long due = startMillis.get() + Math.round(capturedMillis / speed);
        return Math.max(0, due - now);
    }
}
