package dev.scimgateway.load.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every latency of a phase, kept whole (a phase is at most a few hundred thousand requests), so
 * the percentiles are exact rather than bucketed.
 */
final class Latencies {

    private final long[] nanos;
    private final AtomicInteger size = new AtomicInteger();

    Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    void record(long latencyNanos) {
        int slot = size.getAndIncrement();
        if (slot < nanos.length) {
            nanos[slot] = latencyNanos;
        }
    }

    Percentiles percentiles() {
        long[] sorted = Arrays.copyOf(nanos, Math.min(size.get(), nanos.length));
        Arrays.sort(sorted);
        return new Percentiles(at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999), sorted.length);
    }

    private static double at(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
    }

    /** Milliseconds. */
    record Percentiles(double p50, double p99, double p999, int samples) {}
}
