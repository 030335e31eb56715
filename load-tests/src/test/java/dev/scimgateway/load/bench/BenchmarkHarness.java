package dev.scimgateway.load.bench;

import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;

/**
 * One run, one PostgreSQL, one schema: the physical limits (COPY, multi-row INSERT), the bare
 * reactive baseline, then the gateway, side by side in one table written to benchmarks.md.
 * Started by {@code mvn -pl load-tests -Pbench verify}; see src/site/load-testing.md.
 */
public final class BenchmarkHarness {

    private static final Duration WARM_UP = Duration.ofSeconds(3);
    /** Latency is measured at half the throughput the closed loop found: loaded, but not saturated. */
    private static final double OPEN_MODEL_LOAD = 0.5;

    private final BenchSettings settings;
    private final Duration phase;

    private BenchmarkHarness(BenchSettings settings) {
        this.settings = settings;
        this.phase = Duration.ofSeconds(settings.seconds());
    }

    public static void main(String[] args) throws Exception {
        new BenchmarkHarness(BenchSettings.fromSystemProperties()).run();
        // Reactor Netty's event loops are not daemons; the run is over.
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(settings.workDir());
        var rows = new ArrayList<ResultRow>();
        log("starting PostgreSQL");
        try (var postgres = BenchPostgres.start(settings.workDir().resolve("postgres"), settings.migrations(), 200)) {
            double copy = measureCopy(postgres);
            rows.add(ResultRow.rows("COPY of N user rows (one statement)", copy, "ceiling"));
            double multiRow = measureMultiRowInsert(postgres);
            rows.add(ResultRow.rows("multi-row INSERT, " + MultiRowInsert.ROWS_PER_STATEMENT + " rows/statement",
                    multiRow, ratio(multiRow, copy) + " COPY"));
            log("starting the gateway");
            try (var bare = BareInsertServer.start(postgres.r2dbcUrl(BenchPostgres.BASELINE_DB), settings.poolSize());
                    var gateway = GatewayProcess.start(settings, postgres)) {
                createBareTenant(postgres);
                log("seeding " + settings.users() + " users and two groups into the gateway's tenant");
                var tenant = GatewayTenant.create(gateway, postgres, settings.users());
                rows.addAll(measureHttpCases(bare, gateway, tenant, copy));
                rows.add(ResultRow.notAvailable("gateway /Bulk, 100 operations"));
                rows.add(ResultRow.notAvailable("gateway /Bulk, 1000 operations"));
                rows.add(ResultRow.notAvailable("gateway NDJSON stream import"));
                String table = BenchmarkReport.render(settings, rows, gateway.peakRssBytes(), gateway.peakHeapBytes(),
                        settings.gatewayHeap());
                System.out.println();
                System.out.println(table);
                BenchmarkReport.writeInto(settings.report(), table);
                log("table written into " + settings.report().toAbsolutePath().normalize());
            }
        }
    }

    private double measureCopy(BenchPostgres postgres) throws Exception {
        log("COPY of " + settings.users() + " rows");
        try (Connection connection = postgres.connect(BenchPostgres.BASELINE_DB)) {
            UserCopy.createTenant(connection, "copy");
            long start = System.nanoTime();
            UserCopy.copy(connection, "copy", "copy", settings.users());
            return settings.users() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private double measureMultiRowInsert(BenchPostgres postgres) throws Exception {
        log("multi-row INSERT of " + settings.users() + " rows");
        try (Connection connection = postgres.connect(BenchPostgres.BASELINE_DB)) {
            UserCopy.createTenant(connection, "multirow");
            long start = System.nanoTime();
            MultiRowInsert.insert(connection, "multirow", "multirow", settings.users());
            return settings.users() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void createBareTenant(BenchPostgres postgres) throws Exception {
        try (Connection connection = postgres.connect(BenchPostgres.BASELINE_DB)) {
            UserCopy.createTenant(connection, BareInsertServer.tenant());
        }
    }

    private List<ResultRow> measureHttpCases(BareInsertServer bare, GatewayProcess gateway, GatewayTenant tenant, double copy) {
        var rows = new ArrayList<ResultRow>();
        int concurrency = settings.concurrency();
        try (var bareDriver = new LoadDriver(bare.baseUrl(), null);
                var gatewayDriver = new LoadDriver(gateway.scimBaseUrl(), tenant.authorization())) {
            log("bare Reactor Netty + R2DBC insert, closed loop");
            var bareClosed = closed(bareDriver, concurrency, i -> tenant.createUser("bare-closed", i));
            log("gateway POST /Users, closed loop");
            var postClosed = closed(gatewayDriver, concurrency, i -> tenant.createUser("closed", i));
            // Both at the same offered load, set by the slower of the two, so the latencies compare.
            double postRate = OPEN_MODEL_LOAD * Math.min(bareClosed.perSecond(), postClosed.perSecond());
            log("open model at " + Math.round(postRate) + "/s for both");
            var bareOpen = bareDriver.open(postRate, phase, i -> tenant.createUser("bare-open", i));
            var postOpen = gatewayDriver.open(postRate, phase, i -> tenant.createUser("open", i));
            rows.add(ResultRow.http("bare Reactor Netty + R2DBC, 1 row/request (baseline)", bareClosed, bareOpen, "1"));
            rows.add(ResultRow.http("gateway POST /Users", postClosed, postOpen,
                    ratio(postClosed.perSecond(), bareClosed.perSecond()) + " bare; "
                            + ratio(postClosed.perSecond(), copy) + " COPY"));

            log("gateway GET /Users?filter=userName eq");
            var random = new Random(7);
            rows.add(measure(gatewayDriver, "gateway GET /Users?filter=userName eq (N users)", concurrency,
                    i -> tenant.findByUserName(random), "no baseline"));

            // One group's membership PATCHes come one after another from an IdP; concurrent ones
            // on the same group would measure version conflicts rather than the write itself.
            log("gateway group membership PATCH, small and very large group");
            var small = measureRaw(gatewayDriver, 1, tenant::patchSmallGroup);
            rows.add(ResultRow.http("gateway PATCH 100 members, group of " + GatewayTenant.SMALL_GROUP, small.closed(),
                    small.open(), "no baseline"));
            var large = measureRaw(gatewayDriver, 1, tenant::patchLargeGroup);
            rows.add(ResultRow.http(String.format("gateway PATCH 100 members, group of %,d", settings.users()),
                    large.closed(), large.open(), ratio(large.closed().perSecond(), small.closed().perSecond()) + " small group"));
        }
        return rows;
    }

    private ResultRow measure(LoadDriver driver, String name, int concurrency, LongFunction<HttpCall> calls, String ratio) {
        var result = measureRaw(driver, concurrency, calls);
        return ResultRow.http(name, result.closed(), result.open(), ratio);
    }

    private Measured measureRaw(LoadDriver driver, int concurrency, LongFunction<HttpCall> calls) {
        var closed = closed(driver, concurrency, calls);
        var open = driver.open(Math.max(1, OPEN_MODEL_LOAD * closed.perSecond()), phase, calls);
        report(open.firstError());
        return new Measured(closed, open);
    }

    private LoadDriver.Throughput closed(LoadDriver driver, int concurrency, LongFunction<HttpCall> calls) {
        // Warm-up and measurement continue one numbering, so creates never repeat a userName.
        long[] offset = {0};
        driver.closed(concurrency, WARM_UP, i -> calls.apply(offset[0] = i));
        long base = offset[0] + 1_000_000;
        var result = driver.closed(concurrency, phase, i -> calls.apply(base + i));
        report(result.firstError());
        return result;
    }

    private static void report(String firstError) {
        if (firstError != null) {
            log("  first error: " + firstError);
        }
    }

    private static String ratio(double value, double baseline) {
        return baseline > 0 ? String.format("%.3g×", value / baseline) : "—";
    }

    private static void log(String message) {
        System.out.println("[bench] " + message);
    }

    private record Measured(LoadDriver.Throughput closed, LoadDriver.OpenResult open) {}
}
