package dev.scimgateway.load.bench;

import java.nio.file.Path;

/**
 * What one benchmark run is asked to do ({@code -Dbench.*}, set by the {@code bench} Maven profile).
 *
 * @param users N: rows for COPY and multi-row INSERT, and users seeded into the gateway's tenant
 *     (the very large group holds all of them)
 * @param seconds length of each measured phase (closed-loop throughput, then open-model latency)
 * @param concurrency requests in flight in the closed-loop phases, the same for the gateway and the baseline
 * @param poolSize database connections of the gateway and of the bare baseline alike
 */
record BenchSettings(int users, int seconds, int concurrency, int poolSize, String gatewayHeap,
        String gatewayExtraArgs, Path gatewayJar, Path migrations, Path workDir, Path report) {

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                Integer.getInteger("bench.users", 20_000),
                Integer.getInteger("bench.seconds", 10),
                Integer.getInteger("bench.concurrency", 16),
                Integer.getInteger("bench.poolSize", 16),
                System.getProperty("bench.gatewayHeap", "1g"),
                System.getProperty("bench.gatewayArgs", ""),
                Path.of(System.getProperty("bench.gatewayJar", "gateway/target/scim-gateway.jar")),
                Path.of(System.getProperty("bench.migrations", "gateway/src/main/resources/db/migration")),
                Path.of(System.getProperty("bench.workDir", "load-tests/target/bench")),
                Path.of(System.getProperty("bench.report", "src/site/benchmarks.md")));
    }

    String command() {
        return "mvn -B -pl load-tests -Pbench verify -Dbench.users=" + users + " -Dbench.seconds=" + seconds
                + " -Dbench.concurrency=" + concurrency;
    }
}
