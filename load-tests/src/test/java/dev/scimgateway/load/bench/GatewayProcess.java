package dev.scimgateway.load.bench;

import dev.scimgateway.load.target.AdminClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway under test, run from its built jar as a child process pointed at the benchmark's
 * PostgreSQL, so its memory can be read from outside: peak RSS from the kernel (VmHWM), heap used
 * by sampling its Prometheus endpoint once a second (kept with the time, so that a case can ask
 * for the peak within its own stretch of the run).
 */
final class GatewayProcess implements AutoCloseable {

    private static final Pattern METER_VALUE = Pattern.compile("\"statistic\":\"VALUE\",\"value\":([-0-9.Ee+]+)");

    static final String ADMIN_TOKEN = "bench-admin-token-for-this-run-only";

    private final Process process;
    private final int port;
    /** Where its metrics are: actuator has a port of its own. */
    private final int managementPort;
    private final AtomicLong peakHeapBytes = new AtomicLong();
    /** {System.nanoTime(), heap used} pairs. */
    private final List<long[]> heapSamples = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient http = HttpClient.newHttpClient();

    private GatewayProcess(Process process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    static GatewayProcess start(BenchSettings settings, BenchPostgres postgres) throws IOException {
        if (!Files.isRegularFile(settings.gatewayJar())) {
            throw new IllegalStateException(settings.gatewayJar() + " is missing: build it first"
                    + " (mvn -B -q -DskipTests package) or run the benchmark from the root with -Pbench");
        }
        int port = freePort();
        int managementPort = freePort();
        Path dataDir = settings.workDir().resolve("gateway-data");
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.gatewayHeap(), "-jar", settings.gatewayJar().toAbsolutePath().toString(),
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--scim-gateway.data-dir=" + dataDir.toAbsolutePath(),
                "--scim-gateway.admin-token=" + ADMIN_TOKEN,
                "--scim-gateway.db.pool-max-size=" + settings.poolSize(),
                // The heap is sampled once a second from one meter: a whole Prometheus scrape each
                // second would cost the gateway CPU that a real scrape every 15 to 60 s does not.
                "--management.endpoints.web.exposure.include=health,info,prometheus,metrics"));
        if (!settings.gatewayExtraArgs().isBlank()) {
            command.addAll(List.of(settings.gatewayExtraArgs().strip().split("\\s+")));
        }
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(settings.workDir().resolve("gateway.log").toFile());
        builder.environment().put("SCIM_GATEWAY_DB_URL", postgres.r2dbcUrl(BenchPostgres.GATEWAY_DB));
        builder.environment().put("SCIM_GATEWAY_DB_USERNAME", "postgres");
        var gateway = new GatewayProcess(builder.start(), port, managementPort);
        Runtime.getRuntime().addShutdownHook(new Thread(gateway.process::destroy));
        gateway.admin().awaitReady(Duration.ofSeconds(180));
        gateway.sampler.scheduleAtFixedRate(gateway::sampleHeap, 0, 1, TimeUnit.SECONDS);
        return gateway;
    }

    AdminClient admin() {
        return new AdminClient("http://127.0.0.1:" + port + "/admin/v1", ADMIN_TOKEN);
    }

    String scimBaseUrl() {
        return "http://127.0.0.1:" + port + "/scim/v2";
    }

    long pid() {
        return process.pid();
    }

    /** Peak resident set size so far, from the kernel's high-water mark. */
    long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    long peakHeapBytes() {
        return peakHeapBytes.get();
    }

    /** The highest heap-used sample taken between two {@link System#nanoTime()} instants; -1 when there was none. */
    long peakHeapBytes(long fromNanos, long toNanos) {
        synchronized (heapSamples) {
            return heapSamples.stream().filter(s -> s[0] - fromNanos >= 0 && toNanos - s[0] >= 0)
                    .mapToLong(s -> s[1]).max().orElse(-1);
        }
    }

    /**
     * The heap still in use right after a full collection, forced with {@code jcmd GC.run}: what
     * the gateway really retains, unlike heap used, which rises and falls with uncollected garbage.
     */
    long liveHeapBytes() throws IOException, InterruptedException {
        var jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()), "GC.run").redirectErrorStream(true).start();
        jcmd.getInputStream().readAllBytes();
        if (jcmd.waitFor() != 0) {
            return -1;
        }
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(30)).build();
        return heapUsed(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The VALUE of an actuator meter answer: {@code {"measurements":[{"statistic":"VALUE","value":1.2E8}],...}}. */
    private static long meterValue(String meter) {
        Matcher value = METER_VALUE.matcher(meter);
        return value.find() ? (long) Double.parseDouble(value.group(1)) : -1;
    }

    private static long heapUsed(String metrics) {
        return metrics.lines()
                .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private void sampleHeap() {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                            + "/actuator/metrics/jvm.memory.used?tag=area:heap")).timeout(Duration.ofSeconds(5)).build();
            long heap = meterValue(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            peakHeapBytes.accumulateAndGet(heap, Math::max);
            heapSamples.add(new long[] {System.nanoTime(), heap});
        } catch (IOException | RuntimeException e) {
            // a missed sample only makes the peak less precise
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        sampler.shutdownNow();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
