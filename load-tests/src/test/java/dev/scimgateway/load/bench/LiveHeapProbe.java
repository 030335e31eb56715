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
 */
final class LiveHeapProbe implements AutoCloseable {

    private static final double[] AT = {0.1, 0.9};

    private final GatewayProcess gateway;
    private final LoadDriver.Tally progress;
    private final long total;
    private final List<String> taken = new ArrayList<>();
    private final long[] bytes = new long[AT.length];
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
        try {
            bytes[next] = gateway.liveHeapBytes();
        } catch (Exception e) {
            bytes[next] = -1;
        }
        taken.add(String.format("%.0f%%: %s", 100 * AT[next], BenchmarkReport.mebibytes(bytes[next])));
    }

    /** What was taken, and the ratio of the last to the first when both were; call it after {@link #close}. */
    String describe() {
        String ratio = taken.size() == AT.length && bytes[0] > 0 && bytes[1] >= 0
                ? " (" + BenchmarkHarness.ratio(bytes[1], bytes[0]) + ")" : "";
        return taken.isEmpty() ? "no point (the import was too short to probe)" : String.join(", ", taken) + ratio;
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
