package dev.scimgateway.load.bench;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one benchmark run is asked to do ({@code -Dbench.*}, set by the {@code bench} Maven profile).
 *
 * @param users N: rows for COPY and multi-row INSERT, and users seeded into the gateway's tenant
 *     (the very large group holds all of them)
 * @param seconds length of each measured phase (closed-loop throughput, then open-model latency)
 * @param warmupSeconds load on the gateway before the first case, so that its JIT has compiled what the cases use
 * @param concurrency requests in flight in the closed-loop phases, the same for the gateway and the baseline
 * @param poolSize database connections of the gateway and of the bare baseline alike
 * @param streamUsers users the NDJSON stream case imports: unless set, N but at least {@link #MIN_STREAM_USERS}
 * @param streams NDJSON streams that share them, side by side
 * @param cases the cases to run ({@code -Dbench.cases=stream,paging}); COPY, the ceiling of every ratio, always runs.
 *     Only a run of all of them writes its table into benchmarks.md; a partial run writes it beside the run's files.
 * @param profile whether JFR records the gateway during POST /Users, the filter GET, /Bulk and the NDJSON
 *     import, and the report says where its CPU went ({@code -Dbench.profile=true}; the recording costs the
 *     profiled run a little throughput)
 * @param tenants tenants of the many-tenants case, each seeded with {@code tenantUsers} users
 */
record BenchSettings(int users, int seconds, int warmupSeconds, int concurrency, int poolSize, int streamUsers, int streams,
        Set<Case> cases, String gatewayHeap, String gatewayExtraArgs, Path gatewayJar, Path migrations, Path workDir,
        Path report, boolean profile, int tenants, int tenantUsers) {

    /**
     * The default import is at least this long: 20,000 lines took 3 s, most of it the streams'
     * start and the heap probes, too short to say what a stream sustains.
     */
    static final int MIN_STREAM_USERS = 100_000;

    static BenchSettings fromSystemProperties() {
        int users = Integer.getInteger("bench.users", 20_000);
        return new BenchSettings(
                users,
                Integer.getInteger("bench.seconds", 10),
                Integer.getInteger("bench.warmupSeconds", 30),
                Integer.getInteger("bench.concurrency", 64),
                Integer.getInteger("bench.poolSize", 16),
                streamUsers(Integer.getInteger("bench.streamUsers", 0), users),
                Integer.getInteger("bench.streams", 2),
                Case.parse(System.getProperty("bench.cases", "all")),
                System.getProperty("bench.gatewayHeap", "1g"),
                System.getProperty("bench.gatewayArgs", ""),
                Path.of(System.getProperty("bench.gatewayJar", "gateway/target/scim-gateway.jar")),
                Path.of(System.getProperty("bench.migrations", "gateway/src/main/resources/db/migration")),
                Path.of(System.getProperty("bench.workDir", "load-tests/target/bench")),
                Path.of(System.getProperty("bench.report", "src/site/benchmarks.md")),
                Boolean.getBoolean("bench.profile"),
                Integer.getInteger("bench.tenants", 10_000),
                Integer.getInteger("bench.tenantUsers", 100));
    }

    String command() {
        return "mvn -B -pl load-tests -Pbench verify -Dbench.users=" + users + " -Dbench.seconds=" + seconds
                + " -Dbench.concurrency=" + concurrency
                + (warmupSeconds != 30 ? " -Dbench.warmupSeconds=" + warmupSeconds : "")
                + (streamUsers != streamUsers(0, users) ? " -Dbench.streamUsers=" + streamUsers : "")
                + (streams != 2 ? " -Dbench.streams=" + streams : "")
                + (poolSize != 16 ? " -Dbench.poolSize=" + poolSize : "")
                + (gatewayHeap.equals("1g") ? "" : " -Dbench.gatewayHeap=" + gatewayHeap)
                + (tenants != 10_000 ? " -Dbench.tenants=" + tenants : "")
                + (tenantUsers != 100 ? " -Dbench.tenantUsers=" + tenantUsers : "")
                + (allCases() ? "" : " -Dbench.cases=" + Case.names(cases))
                + (profile ? " -Dbench.profile=true" : "");
    }

    /** {@code set} when it is positive, else the default for N users. */
    static int streamUsers(int set, int users) {
        return set > 0 ? set : Math.max(users, MIN_STREAM_USERS);
    }

    boolean runs(Case c) {
        return cases.contains(c);
    }

    boolean allCases() {
        return cases.size() == Case.values().length;
    }

    /** Where this run's table goes: benchmarks.md for a whole run, beside the run's files for a partial one. */
    Path reportFile() {
        return allCases() ? report : workDir.resolve("report-" + Case.names(cases).replace(',', '-') + ".md");
    }

    /** The cases of a run, in the order they run. */
    enum Case {
        /** POST /Users against the bare baseline, the filter over N users, and group PATCHes against the N-member group. */
        HTTP,
        /** /Bulk of 100 and 1000 user creates. */
        BULK,
        /** The NDJSON import, with the heap of its first and last third. */
        STREAM,
        /** Cursor paging through every user of the tenant, its first pages against its last; index paging for contrast. */
        PAGING,
        /** The cost of the rate limiter and of Idempotency-Key, side by side with plain POST /Users. */
        COSTS,
        /** Twice the closed-loop maximum; it takes its maximum from the costs case, which therefore runs with it. */
        OVERLOAD,
        /** Many tenants of a few users each: POST /Users spread over all of them against one tenant, and the heap kept. */
        TENANTS;

        static Set<Case> parse(String names) {
            if (names.isBlank() || names.equalsIgnoreCase("all")) {
                return EnumSet.allOf(Case.class);
            }
            Set<Case> cases = EnumSet.noneOf(Case.class);
            for (String name : names.split(",")) {
                try {
                    cases.add(valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bench.cases: unknown case '" + name.strip() + "'; the cases are "
                            + names(EnumSet.allOf(Case.class)) + ", or all");
                }
            }
            if (cases.contains(OVERLOAD)) {
                cases.add(COSTS);
            }
            return cases;
        }

        static String names(Set<Case> cases) {
            return cases.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
        }
    }
}
