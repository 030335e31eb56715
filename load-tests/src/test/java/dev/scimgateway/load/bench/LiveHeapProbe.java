package dev.scimgateway.load.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether a long import retains memory: the gateway's heap right after a forced full collection,
 * taken when the import is a tenth done and again when it is nine tenths done. Flat means the
 * two agree; heap used sampled on the fly cannot tell garbage from retained data.
 *
 * <p>It also gives the import's rate between the two probes: the stretch after the stream's
 * start and before its end, without the probes themselves (each starts a {@code jcmd} JVM and
 * stops the gateway for a full collection, which a /Bulk phase does not have to bear).
 */
final class LiveHeapProbe implements AutoCloseable {

    private static final double[] AT = {0.1, 0.9};

    private final GatewayProcess gateway;
    private final LoadDriver.Tally progress;
    private final long total;
    private final List<String> taken = new ArrayList<>();
    private final long[] bytes = new long[AT.length];
    /** Answers counted and {@link System#nanoTime()} when the first probe ended and when the second began. */
    private volatile long firstEndedOk;
    private volatile long firstEndedNanos;
    private volatile long secondStartedOk;
    private volatile long secondStartedNanos;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();

    LiveHeapProbe(GatewayProcess gateway, LoadDriver.Tally progress, long total) {
        this.gateway = gateway;
        this.progress = progress;
        this.total = total;
        poller.scheduleWithFixedDelay(this::probe, 200, 200, TimeUnit.MILLISECONDS);
    }

    private void probe() {
        int next = taken.size();
        if (next >= AT.length || progress.ok() + progress.failed() < AT[next] * total) {
            return;
        }
        if (next == 1) {
            secondStartedOk = progress.ok();
            secondStartedNanos = System.nanoTime();
        }
        try {
            bytes[next] = gateway.liveHeapBytes();
        } catch (Exception e) {
            bytes[next] = -1;
        }
        if (next == 0) {
            firstEndedOk = progress.ok();
            firstEndedNanos = System.nanoTime();
        }
        taken.add(String.format("%.0f%%: %s", 100 * AT[next], BenchmarkReport.mebibytes(bytes[next])));
    }

    /** What was taken, and the ratio of the last to the first when both were; call it after {@link #close}. */
    String describe() {
        String ratio = taken.size() == AT.length && bytes[0] > 0 && bytes[1] >= 0
                ? " (" + BenchmarkHarness.ratio(bytes[1], bytes[0]) + ")" : "";
        return taken.isEmpty() ? "no point (the import was too short to probe)" : String.join(", ", taken) + ratio;
    }

    /**
     * Successful answers per second between the end of the first probe and the start of the
     * second; NaN when the import was too short for both. Call it after {@link #close}.
     */
    double steadyRate() {
        if (taken.size() < AT.length || secondStartedNanos - firstEndedNanos <= 0) {
            return Double.NaN;
        }
        return (secondStartedOk - firstEndedOk) / ((secondStartedNanos - firstEndedNanos) / 1e9);
    }

    /** The share of the import the steady rate covers, e.g. "10–90 %". */
    String steadyStretch() {
        return String.format("%.0f–%.0f %%", 100.0 * firstEndedOk / total, 100.0 * secondStartedOk / total);
    }

    @Override
    public void close() {
        poller.shutdown();
        try {
            poller.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
