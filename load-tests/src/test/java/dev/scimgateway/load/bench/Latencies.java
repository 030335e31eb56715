package dev.scimgateway.load.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Every latency of a phase, kept whole (a phase is at most a few hundred thousand requests), so
 * the percentiles are exact rather than bucketed.
 */
final class Latencies {

    private long[] nanos = new long[1024];
    private int size;

    synchronized void record(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    synchronized int size() {
        return size;
    }

    private synchronized long[] snapshot() {
        return Arrays.copyOf(nanos, size);
    }

    /** The latencies of several phases (or of several answers' statuses) as one set. */
    static Latencies of(Collection<Latencies> parts) {
        var all = new Latencies();
        parts.forEach(part -> {
            for (long latency : part.snapshot()) {
                all.record(latency);
            }
        });
        return all;
    }

    Percentiles percentiles() {
        long[] sorted = snapshot();
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
