package dev.scimgateway.load.bench;

import java.nio.file.Path;

/**
 * What one benchmark run is asked to do ({@code -Dbench.*}, set by the {@code bench} Maven profile).
 *
 * @param users N: rows for COPY and multi-row INSERT, and users seeded into the gateway's tenant
 *     (the very large group holds all of them)
 * @param seconds length of each measured phase (closed-loop throughput, then open-model latency)
 * @param warmupSeconds load on the gateway before the first case, so that its JIT has compiled what the cases use
 * @param concurrency requests in flight in the closed-loop phases, the same for the gateway and the baseline
 * @param poolSize database connections of the gateway and of the bare baseline alike
 * @param streamUsers users the NDJSON stream case imports (N unless set)
 * @param streams NDJSON streams that share them, side by side
 * @param streamOnly the long memory run: COPY and the NDJSON import only (no seeding, no other case)
 */
record BenchSettings(int users, int seconds, int warmupSeconds, int concurrency, int poolSize, int streamUsers, int streams,
        boolean streamOnly, String gatewayHeap, String gatewayExtraArgs, Path gatewayJar, Path migrations, Path workDir,
        Path report) {

    static BenchSettings fromSystemProperties() {
        int users = Integer.getInteger("bench.users", 20_000);
        return new BenchSettings(
                users,
                Integer.getInteger("bench.seconds", 10),
                Integer.getInteger("bench.warmupSeconds", 30),
                Integer.getInteger("bench.concurrency", 16),
                Integer.getInteger("bench.poolSize", 16),
                Integer.getInteger("bench.streamUsers", users),
                Integer.getInteger("bench.streams", 2),
                Boolean.getBoolean("bench.streamOnly"),
                System.getProperty("bench.gatewayHeap", "1g"),
                System.getProperty("bench.gatewayArgs", ""),
                Path.of(System.getProperty("bench.gatewayJar", "gateway/target/scim-gateway.jar")),
                Path.of(System.getProperty("bench.migrations", "gateway/src/main/resources/db/migration")),
                Path.of(System.getProperty("bench.workDir", "load-tests/target/bench")),
                Path.of(System.getProperty("bench.report", "src/site/benchmarks.md")));
    }

    String command() {
        return "mvn -B -pl load-tests -Pbench verify -Dbench.users=" + users + " -Dbench.seconds=" + seconds
                + " -Dbench.concurrency=" + concurrency
                + (warmupSeconds != 30 ? " -Dbench.warmupSeconds=" + warmupSeconds : "")
                + (streamUsers != users ? " -Dbench.streamUsers=" + streamUsers : "")
                + (streams != 2 ? " -Dbench.streams=" + streams : "")
                + (poolSize != 16 ? " -Dbench.poolSize=" + poolSize : "")
                + (gatewayHeap.equals("1g") ? "" : " -Dbench.gatewayHeap=" + gatewayHeap)
                + (streamOnly ? " -Dbench.streamOnly=true" : "");
    }
}
