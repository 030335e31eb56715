package dev.scimgateway.load.bench;

import dev.scimgateway.load.bench.BenchSettings.Case;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;

/**
 * One run, one PostgreSQL, one schema: the physical limits (COPY, multi-row INSERT), the bare
 * reactive baseline, then the gateway, side by side in one table written to benchmarks.md.
 * Started by {@code mvn -pl load-tests -Pbench verify}; see src/site/load-testing.md.
 */
public final class BenchmarkHarness {

    private static final long STARTED = System.nanoTime();
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    /** The warm-up after its first stretch: in slices, until the JIT has settled (see {@link #warmUp}). */
    private static final Duration WARM_UP_SLICE = Duration.ofSeconds(10);
    private static final Duration MAX_EXTRA_WARM_UP = Duration.ofSeconds(120);
    private static final double SETTLED_COMPILER_SHARE = 0.10;
    /** Latency is measured at half the throughput the closed loop found: loaded, but not saturated. */
    private static final double OPEN_MODEL_LOAD = 0.5;
    /** The overload case offers twice the closed-loop maximum. */
    private static final double OVERLOAD = 2.0;
    /** /Bulk requests in flight at once. */
    private static final int BULK_IN_FLIGHT = 2;
    /** Rounds of the cost comparison; every side runs half a phase per round. */
    private static final int COST_ROUNDS = 6;
    /**
     * The rate-limiter case's tenant limit: 1000 writes/s leases 100 tokens at a time from the shared
     * bucket (one UPDATE per 100 requests), while a burst of a million never runs out within a run,
     * so the limiter works at every request and never refuses one.
     */
    private static final double ACTIVE_LIMIT_PER_SECOND = 1_000;
    private static final double ACTIVE_LIMIT_BURST = 1_000_000;
    /** A rate-limit lease's lifetime in the gateway (one second), and a little more. */
    private static final Duration LEASE_LIFETIME = Duration.ofMillis(1_200);
    /** What the gateway's arguments set as every tenant's default: a lease of 100,000 tokens, none within a phase. */
    private static final double LIFTED_LIMIT = 1_000_000;

    private final BenchSettings settings;
    private final Duration phase;
    private final List<String> notes = new ArrayList<>();
    /** The /Bulk of 1000's rows/s in this run, which the NDJSON import is compared with; NaN until measured. */
    private double bulkOf1000 = Double.NaN;
    /** What each row written by /Bulk and by the NDJSON import cost the servers, for one note. */
    private final List<String> cpuPerRow = new ArrayList<>();
    /** What a request of each HTTP case's closed loop cost the servers, apart from how much CPU the shared cores gave them. */
    private final List<String> httpCpu = new ArrayList<>();

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
        log("starting PostgreSQL; cases: " + BenchSettings.Case.names(settings.cases()));
        try (var postgres = BenchPostgres.start(settings.workDir().resolve("postgres"), settings.migrations(), 200)) {
            double copy = measureCopy(postgres);
            rows.add(ResultRow.rows("COPY of N user rows (one statement)", copy, 0, "ceiling"));
            boolean http = settings.runs(Case.HTTP);
            if (http || settings.runs(Case.BULK)) {
                double multiRow = measureMultiRowInsert(postgres);
                rows.add(ResultRow.rows("multi-row INSERT, " + MultiRowInsert.ROWS_PER_STATEMENT + " rows/statement",
                        multiRow, 0, ratio(multiRow, copy) + " COPY"));
            }
            log("starting the gateway");
            try (var bare = http ? BareInsertServer.start(postgres.r2dbcUrl(BenchPostgres.BASELINE_DB), settings.poolSize()) : null;
                    var floor = http ? BareInsertServer.coalescing(postgres.r2dbcUrl(BenchPostgres.BASELINE_DB), settings.poolSize()) : null;
                    var gateway = GatewayProcess.start(settings, postgres)) {
                int seeded = http || settings.runs(Case.PAGING) ? settings.users() : 0;
                log("seeding " + seeded + " users and two groups into the gateway's tenant");
                var tenant = GatewayTenant.create(gateway, postgres, seeded);
                try (var driver = new LoadDriver(gateway.scimBaseUrl(), tenant.authorization())) {
                    if (settings.cases().stream().anyMatch(c -> c != Case.STREAM && c != Case.PAGING)) {
                        if (http) {
                            createBareTenant(postgres);
                        }
                        warmUp(bare, floor, driver, tenant, new ServerCpu(gateway.pid(), postgres.postmasterPid()));
                    }
                    if (settings.runs(Case.PAGING)) {
                        log("gateway cursor paging through every user of the tenant, then index paging at both ends");
                        rows.addAll(CursorWalk.measure(gateway, tenant, notes));
                    }
                    if (http) {
                        rows.addAll(measureHttpCases(bare, floor, gateway, driver, tenant, copy,
                                new ServerCpu(gateway.pid(), postgres.postmasterPid())));
                    }
                    if (settings.runs(Case.BULK)) {
                        rows.addAll(measureBulk(driver, tenant, gateway, postgres, copy));
                    }
                    if (settings.runs(Case.STREAM)) {
                        rows.add(measureStream(driver, tenant, gateway, postgres, copy));
                    }
                    if (settings.runs(Case.COSTS)) {
                        var costs = measureCosts(gateway, postgres, driver, tenant);
                        rows.addAll(costs.rows());
                        if (settings.runs(Case.OVERLOAD)) {
                            rows.addAll(measureOverload(driver, tenant, costs.reference(), gateway, postgres));
                        }
                    }
                    if (settings.runs(Case.TENANTS)) {
                        rows.addAll(ManyTenants.measure(settings, gateway, postgres, driver, tenant, notes,
                                BenchmarkHarness::log));
                    }
                }
                if (!httpCpu.isEmpty()) {
                    notes.add("CPU per request in the HTTP closed loops, gateway + PostgreSQL (from /proc): "
                            + String.join("; ", httpCpu) + ".");
                }
                if (!cpuPerRow.isEmpty()) {
                    notes.add("CPU per row written, gateway + PostgreSQL (from /proc; on busy shared cores throughput follows it): "
                            + String.join("; ", cpuPerRow) + ".");
                }
                notes.add("Gateway process: peak RSS " + BenchmarkReport.mebibytes(gateway.peakRssBytes()) + ", peak heap used "
                        + BenchmarkReport.mebibytes(gateway.peakHeapBytes()) + " (sampled once a second).");
                String table = BenchmarkReport.render(settings, rows, notes);
                System.out.println();
                System.out.println(table);
                BenchmarkReport.writeInto(settings.reportFile(), table);
                log("table written into " + settings.reportFile().toAbsolutePath().normalize());
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

    /**
     * On two cores the gateway's JIT needs about half a minute of load before POST /Users reaches
     * its speed (after the 3 s warm-up of a case alone it ran at a quarter of it), so the run first
     * loads both servers with what the cases send: creates, filters and small bulks. Half a minute
     * is not the end of it: the JIT compiler threads still took a fifth to a third of the gateway's
     * CPU through the next three minutes (2026-12-05), so the warm-up goes on, in slices, until
     * they take less than a tenth of a slice, or for {@link #MAX_EXTRA_WARM_UP} more at most.
     */
    private void warmUp(BareInsertServer bare, BareInsertServer floor, LoadDriver gateway, GatewayTenant tenant,
            ServerCpu cpu) {
        Duration length = Duration.ofSeconds(settings.warmupSeconds());
        log("warming up the gateway for " + length.toSeconds() + " s and each bare baseline for a third of that");
        var random = new Random(11);
        LongFunction<HttpCall> mix = sequence(i -> switch ((int) (i % 3)) {
            case 0 -> tenant.createUser("warm-up", i);
            case 1 -> tenant.findByUserName(random);
            default -> tenant.bulkCreate("warm-up", i, 10);
        });
        gateway.closed(settings.concurrency(), length, mix);
        Duration extra = Duration.ZERO;
        double share;
        do {
            var before = cpu.sample();
            gateway.closed(settings.concurrency(), WARM_UP_SLICE, mix);
            extra = extra.plus(WARM_UP_SLICE);
            share = cpu.sample().minus(before).compilerShare();
            log(String.format("warm-up went on %d s: the JIT compiler took %.0f %% of the gateway's CPU in the last %d s",
                    extra.toSeconds(), share * 100, WARM_UP_SLICE.toSeconds()));
        } while (share >= SETTLED_COMPILER_SHARE && extra.compareTo(MAX_EXTRA_WARM_UP) < 0);
        notes.add(String.format("Warm-up: %d s of creates, filters and small bulks, then %d s more until the gateway's JIT"
                + " compiler threads took %.0f %% of its CPU over %d s (goes on while ≥ %.0f %%, at most %d s more).",
                length.toSeconds(), extra.toSeconds(), share * 100, WARM_UP_SLICE.toSeconds(), SETTLED_COMPILER_SHARE * 100,
                MAX_EXTRA_WARM_UP.toSeconds()));
        for (var baseline : new BareInsertServer[] {bare, floor}) {
            if (baseline != null) {
                try (var bareDriver = new LoadDriver(baseline.baseUrl(), null)) {
                    String prefix = baseline == bare ? "bare-warm-up" : "floor-warm-up";
                    bareDriver.closed(settings.concurrency(), length.dividedBy(3), sequence(i -> tenant.createUser(prefix, i)));
                }
            }
        }
    }

    /**
     * With {@code -Dbench.profile=true}, a JFR recording of the gateway while {@code phase} runs, read
     * into a note of where its CPU went; without, just the phase.
     */
    private <T> T profiled(String phase, GatewayProcess gateway, Supplier<T> measure) {
        if (!settings.profile()) {
            return measure.get();
        }
        String name = "bench-" + Integer.toHexString(phase.hashCode());
        Path file = settings.workDir().resolve(name + ".jfr");
        try {
            gateway.startRecording(name);
            T result = measure.get();
            gateway.stopRecording(name, file);
            notes.add("CPU of the gateway during " + phase + ", by component (JFR, " + file.getFileName() + "): "
                    + CpuByComponent.read(file) + ".");
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<ResultRow> measureHttpCases(BareInsertServer bare, BareInsertServer floor, GatewayProcess gateway,
            LoadDriver gatewayDriver, GatewayTenant tenant, double copy, ServerCpu cpu) {
        var rows = new ArrayList<ResultRow>();
        int concurrency = settings.concurrency();
        LoadDriver.Throughput postClosed;
        try (var bareDriver = new LoadDriver(bare.baseUrl(), null);
                var floorDriver = new LoadDriver(floor.baseUrl(), null)) {
            log("bare Reactor Netty + R2DBC insert, closed loop");
            var bareClosed = closed(bareDriver, concurrency, i -> tenant.createUser("bare-closed", i));
            log("bare Reactor Netty + Jackson + coalesced multi-row INSERT (the floor), closed loop");
            var floorClosed = closed(floorDriver, concurrency, i -> tenant.createUser("floor-closed", i));
            log("gateway POST /Users, closed loop");
            postClosed = profiled("POST /Users, closed loop", gateway,
                    () -> closed(gatewayDriver, concurrency, i -> tenant.createUser("closed", i), "POST /Users", cpu));
            // Both at the same offered load, set by the slower of the two, so the latencies compare.
            double postRate = OPEN_MODEL_LOAD * Math.min(bareClosed.perSecond(), postClosed.perSecond());
            log("open model at " + Math.round(postRate) + "/s for both");
            var bareOpen = bareDriver.open(postRate, phase, i -> tenant.createUser("bare-open", i));
            var postOpen = gatewayDriver.open(postRate, phase, i -> tenant.createUser("open", i));
            report(bareOpen.firstError());
            report(postOpen.firstError());
            var floorOpen = floorDriver.open(postRate, phase, i -> tenant.createUser("floor-open", i));
            report(floorOpen.firstError());
            rows.add(ResultRow.http("bare Reactor Netty + R2DBC, 1 row/request (baseline)", bareClosed, bareOpen, "1"));
            rows.add(ResultRow.http("bare Reactor Netty + Jackson, coalesced multi-row INSERT like the gateway's"
                    + " (the floor of the stack)", floorClosed, floorOpen, ratio(floorClosed.perSecond(), bareClosed.perSecond())
                    + " bare"));
            rows.add(ResultRow.http("gateway POST /Users", postClosed, postOpen,
                    ratio(postClosed.perSecond(), bareClosed.perSecond()) + " bare; "
                            + ratio(postClosed.perSecond(), floorClosed.perSecond()) + " floor (goal ≥ 0.7×); "
                            + ratio(postClosed.perSecond(), copy) + " COPY"));
            rows.addAll(measurePeer(postClosed, tenant));
        }

        log("gateway GET /Users?filter=userName eq");
        var random = new Random(7);
        var filter = profiled("GET /Users?filter=userName eq, closed loop and open model", gateway,
                () -> measureRaw(gatewayDriver, concurrency, i -> tenant.findByUserName(random), "filter", cpu));
        rows.add(ResultRow.http("gateway GET /Users?filter=userName eq (N users)", filter.closed(), filter.open(),
                ratio(filter.closed().perSecond(), postClosed.perSecond()) + " POST /Users (goal ≥ 1.5×)"));
        log("gateway GET /Users/{id}");
        var byId = measureRaw(gatewayDriver, concurrency, i -> tenant.findById(random), "by id", cpu);
        rows.add(ResultRow.http("gateway GET /Users/{id} (N users)", byId.closed(), byId.open(),
                ratio(byId.closed().perSecond(), postClosed.perSecond()) + " POST /Users (goal ≥ 2×)"));

        // One group's membership PATCHes come one after another from an IdP; concurrent ones
        // on the same group would measure waiting for the group's lock rather than the write itself.
        log("gateway group membership PATCH, empty and very large group");
        var empty = measureRaw(gatewayDriver, 1, tenant::patchEmptyGroup);
        rows.add(ResultRow.http("gateway PATCH ±100 members, empty group", empty.closed(), empty.open(), "no baseline"));
        var large = measureRaw(gatewayDriver, 1, tenant::patchLargeGroup);
        rows.add(ResultRow.http(String.format("gateway PATCH ±100 members, group of %,d", settings.users()),
                large.closed(), large.open(), "p99 " + ratio(large.open().latency().p99(), empty.open().latency().p99())
                        + " empty group (goal ≤ 1.5×); throughput " + ratio(large.closed().perSecond(), empty.closed().perSecond())));
        return rows;
    }

    /** /Bulk of 100 and of 1000 user creates per request, closed loop; rows/s counts fully successful requests only. */
    private List<ResultRow> measureBulk(LoadDriver driver, GatewayTenant tenant, GatewayProcess gateway, BenchPostgres postgres,
            double copy) throws IOException {
        var rows = new ArrayList<ResultRow>();
        var cpu = new ServerCpu(gateway.pid(), postgres.postmasterPid());
        for (int size : new int[] {100, 1000}) {
            log("gateway /Bulk, " + size + " user creates per request, closed loop");
            var requests = sequence(i -> tenant.bulkCreate("bulk" + size, i, size));
            var result = profiled("/Bulk of " + size + ", closed loop", gateway, () -> {
                driver.closed(BULK_IN_FLIGHT, WARM_UP, requests);
                var before = cpu.sample();
                var measured = driver.closed(BULK_IN_FLIGHT, phase, requests);
                cpuPerRow.add("/Bulk of " + size + " " + cpu.sample().minus(before).per(measured.tally().ok() * size));
                return measured;
            });
            report(result.firstError());
            double rowsPerSecond = result.perSecond() * size;
            if (size == 1000) {
                bulkOf1000 = rowsPerSecond;
            }
            rows.add(ResultRow.closedLoop(String.format("gateway /Bulk, %,d user creates/request, %d requests in flight;"
                            + " latency per request", size, BULK_IN_FLIGHT),
                    String.format("%,.0f rows/s (%,.1f req/s)", rowsPerSecond, result.perSecond()), result.latency(),
                    result.errors(), ratio(rowsPerSecond, copy) + " COPY" + (size == 1000 ? " (goal ≥ 0.4×)" : "")));
        }
        return rows;
    }

    /**
     * NDJSON import of the stream users, shared by the streams side by side, after streams of
     * their own warm-up (as every other case has one). The row's rate is the import's steady
     * stretch, between the live-heap probes at a tenth and at nine tenths: like a /Bulk phase, it
     * leaves out the streams' start and the probes' forced collections; the whole import's rate
     * is in the note. The heap used is compared between the first and the last third of the
     * import (sampled once a second).
     */
    private ResultRow measureStream(LoadDriver driver, GatewayTenant tenant, GatewayProcess gateway, BenchPostgres postgres,
            double copy) throws IOException {
        int users = settings.streamUsers();
        int streams = settings.streams();
        log(String.format("gateway NDJSON import, %d stream(s) for %d s of warm-up", streams, WARM_UP.toSeconds()));
        long warmedUp = System.nanoTime() + WARM_UP.toNanos();
        var warmUp = new LoadDriver.Tally();
        Flux.range(0, streams)
                .flatMap(s -> driver.stream("/Bulk", tenant.streamedCreates("stream-warm-up" + s, Integer.MAX_VALUE)
                        .takeWhile(lines -> System.nanoTime() - warmedUp < 0), warmUp), streams)
                .blockLast();
        report(warmUp.firstError());
        log(String.format("gateway NDJSON import of %,d users in %d stream(s)", users, streams));
        var tally = new LoadDriver.Tally();
        var live = new LiveHeapProbe(gateway, tally, users);
        var cpu = new ServerCpu(gateway.pid(), postgres.postmasterPid());
        var cpuBefore = cpu.sample();
        long start = System.nanoTime();
        profiled("the NDJSON import", gateway, () -> Flux.range(0, streams)
                .flatMap(s -> driver.stream("/Bulk", tenant.streamedCreates("stream" + s, users / streams
                        + (s < users % streams ? 1 : 0)), tally), streams)
                .blockLast());
        long end = System.nanoTime();
        // The probes' two forced collections and the streams' start are in it: over a short import they weigh.
        cpuPerRow.add("NDJSON import " + cpu.sample().minus(cpuBefore).per(tally.ok()));
        live.close();
        report(tally.firstError());
        double whole = tally.ok() / ((end - start) / 1e9);
        double steady = live.steadyRate();
        boolean measured = !Double.isNaN(steady);
        long third = (end - start) / 3;
        long first = gateway.peakHeapBytes(start, start + third);
        long last = gateway.peakHeapBytes(end - third, end);
        notes.add(String.format("NDJSON import of %,d users (%d streams, -Xmx%s, %.0f s): %,.0f rows/s over the whole"
                        + " import, forced collections and the streams' start included (%s COPY); %s. Peak heap used %s in"
                        + " the first third, %s in the last third (%s); heap after a forced full GC at %s.", users, streams,
                settings.gatewayHeap(), (end - start) / 1e9, whole, ratio(whole, copy),
                measured ? "the row's rate is the stretch between the probes"
                        : "too short for a rate between the probes: the row gives the whole import's",
                BenchmarkReport.mebibytes(first), BenchmarkReport.mebibytes(last),
                // A third of an import shorter than three seconds may hold no sample at all.
                first > 0 && last > 0 ? ratio(last, first) : "too short to compare", live.describe()));
        double rowsPerSecond = measured ? steady : whole;
        String stretch = measured ? "between the heap probes, " + live.steadyStretch() + " done" : "of the whole import";
        return ResultRow.rows(String.format("gateway NDJSON stream import, %,d user creates in %d streams; rows/s %s",
                        users, streams, stretch),
                rowsPerSecond, tally.failed() + (users - tally.ok() - tally.failed()), ratio(rowsPerSecond, copy)
                        + " COPY (goal ≥ 0.5×)" + (Double.isNaN(bulkOf1000) ? ""
                                : "; " + ratio(rowsPerSecond, bulkOf1000) + " /Bulk of 1,000 (goal ≥ 1×)"));
    }

    /**
     * POST /Users three ways, in turn: as is (the tenant's limits lifted, no key), in a second
     * tenant whose own limit is in force but never reached, and with a unique Idempotency-Key
     * per request. Each round runs every side for half a phase, the order rotating from round to
     * round so that the machine's drift falls on all sides alike; a side's cost is 1 − the median
     * of its per-round throughput ratios to the plain side of the same round.
     */
    private Costs measureCosts(GatewayProcess gateway, BenchPostgres postgres, LoadDriver driver, GatewayTenant tenant)
            throws java.io.IOException {
        log("gateway POST /Users: plain, with an active tenant limit, with an Idempotency-Key; " + COST_ROUNDS + " rounds");
        var admin = gateway.admin();
        // One tenant for every side, its limit switched before each phase: another tenant would
        // differ in more than its limit (a fresh tenant inserted 15 % faster than this one, which
        // holds every user created so far).
        Runnable lifted = () -> admin.setLimits(GatewayTenant.TENANT, LIFTED_LIMIT, LIFTED_LIMIT);
        Runnable active = () -> admin.setLimits(GatewayTenant.TENANT, ACTIVE_LIMIT_PER_SECOND, ACTIVE_LIMIT_BURST);
        List<Side> sides = List.of(
                new Side("plain", lifted, sequence(i -> tenant.createUser("plain", i))),
                new Side("limited", active, sequence(i -> tenant.createUser("limited", i))),
                new Side("keyed", lifted, sequence(i -> tenant.createUser("keyed", i).withIdempotencyKey("bench-keyed-" + i))));
        sides.forEach(side -> {
            side.limits().run();
            driver.closed(settings.concurrency(), WARM_UP, side.calls());
        });
        Duration half = phase.dividedBy(2);
        var cpu = new ServerCpu(gateway.pid(), postgres.postmasterPid());
        for (int round = 0; round < COST_ROUNDS; round++) {
            for (int k = 0; k < sides.size(); k++) {
                var side = sides.get((round + k) % sides.size());
                side.limits().run();
                // Tokens the replica leased under the previous side's limit are spent until they expire.
                java.util.concurrent.locks.LockSupport.parkNanos(LEASE_LIFETIME.toNanos());
                var before = cpu.sample();
                var result = driver.closed(settings.concurrency(), half, side.calls());
                side.cpu().add(cpu.sample().minus(before));
                report(result.firstError());
                side.results().add(result);
            }
        }
        lifted.run();
        notes.add(cpuPerRequest(sides));
        double reference = median(sides.get(0).results().stream().mapToDouble(LoadDriver.Throughput::perSecond).toArray());
        var rows = List.of(
                costRow("gateway POST /Users, plain (limits lifted, no key): reference of the two rows below",
                        sides.get(0), sides.get(0), "reference"),
                costRow(String.format("gateway POST /Users, the same tenant with a limit in force (%,.0f/s, burst %,.0f:"
                        + " a shared-bucket lease every %,.0f requests, never refused)", ACTIVE_LIMIT_PER_SECOND,
                        ACTIVE_LIMIT_BURST, ACTIVE_LIMIT_PER_SECOND / 10), sides.get(1), sides.get(0), "2%"),
                costRow("gateway POST /Users, unique Idempotency-Key per request", sides.get(2), sides.get(0), "15%"));
        return new Costs(rows, reference);
    }

    /** Why a side is slower when every core is busy: what each of its requests cost the servers. */
    private static String cpuPerRequest(List<Side> sides) {
        List<String> parts = new ArrayList<>();
        for (var side : sides) {
            var ticks = side.cpu().stream().reduce(ServerCpu.Ticks.NONE, ServerCpu.Ticks::plus);
            long requests = side.results().stream().mapToLong(r -> r.tally().ok()).sum();
            parts.add(side.name() + " " + ticks.per(requests));
        }
        return "CPU per POST /Users in the cost rows, gateway + PostgreSQL (from /proc, all rounds): "
                + String.join("; ", parts) + ".";
    }

    private ResultRow costRow(String name, Side side, Side plain, String goal) {
        var results = side.results();
        double[] ratios = new double[results.size()];
        for (int round = 0; round < ratios.length; round++) {
            ratios[round] = results.get(round).perSecond() / plain.results().get(round).perSecond();
        }
        double median = median(ratios);
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        var tally = LoadDriver.Tally.of(results.stream().map(LoadDriver.Throughput::tally).toList());
        return ResultRow.closedLoop(name,
                String.format("%,.0f req/s (median of %d)", median(results.stream().mapToDouble(LoadDriver.Throughput::perSecond)
                        .toArray()), results.size()),
                tally.latency(status -> true), results.stream().mapToLong(LoadDriver.Throughput::errors).sum(),
                side == plain ? goal : String.format("cost %.1f%% (goal ≤ %s); per-round ratios %.3f–%.3f×", 100 * (1 - median),
                        goal, sorted[0], sorted[sorted.length - 1]));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Twice the closed-loop maximum, on shared cores (with the maximum of the costs case), then with
     * the load generator on cores of its own (with a maximum measured that way first): sending
     * twice as fast costs the generator twice the CPU, which on shared cores comes out of the
     * gateway's share.
     */
    private List<ResultRow> measureOverload(LoadDriver driver, GatewayTenant tenant, double sharedMax,
            GatewayProcess gateway, BenchPostgres postgres) throws java.io.IOException {
        List<ResultRow> rows = new ArrayList<>();
        rows.add(overload(driver, tenant, sharedMax, "shared cores", "overload"));
        var split = CpuSplit.apply(gateway.pid(), postgres.postmasterPid());
        if (split.isEmpty()) {
            notes.add("The overload case ran on shared cores only: taskset is missing or there is one core.");
            return rows;
        }
        try (var cores = split.get()) {
            log("gateway POST /Users, closed loop, " + cores.describe());
            var max = closed(driver, settings.concurrency(), sequence(i -> tenant.createUser("split-max", i)));
            rows.add(ResultRow.closedLoop("gateway POST /Users, closed loop, " + cores.describe()
                            + ": the maximum of the row below", String.format("%,.0f req/s", max.perSecond()),
                    max.tally().latency(status -> true), max.errors(), "reference"));
            rows.add(overload(driver, tenant, max.perSecond(), cores.describe(), "split-overload"));
        }
        return rows;
    }

    /** Open-model POST /Users at twice the closed-loop maximum: goodput, and how the excess is refused. */
    /** @param users the userName prefix of this phase's creates, unique per phase */
    private ResultRow overload(LoadDriver driver, GatewayTenant tenant, double max, String cores, String users) {
        double rate = OVERLOAD * max;
        log("gateway POST /Users, open model at " + Math.round(rate) + "/s (" + OVERLOAD + "× the closed-loop max), "
                + cores);
        var result = driver.open(rate, phase, sequence(i -> tenant.createUser(users, i)));
        var tally = result.tally();
        log("  answers by status " + tally.statuses() + ", not sent " + result.notSent() + ", unanswered " + result.unanswered());
        double goodput = tally.ok() / result.seconds();
        long unavailable = tally.count(status -> status == 503);
        long otherServerErrors = tally.count(status -> status >= 500 && status != 503);
        long noAnswer = tally.count(status -> status == 0) + result.unanswered();
        long notSent = result.notSent();
        long clientErrors = tally.count(status -> status >= 400 && status < 500);
        return ResultRow.of(String.format("gateway POST /Users at %.0f× the closed-loop max (open model), %s;"
                        + " latency of 2xx", OVERLOAD, cores),
                String.format("%,.0f 2xx/s (goodput)", goodput), String.format("%,.0f/s", rate),
                tally.latency(status -> status >= 200 && status < 300),
                String.format("%,d × 503, %,d other 5xx%s%s%s", unavailable, otherServerErrors,
                        clientErrors > 0 ? String.format(", %,d × 4xx", clientErrors) : "",
                        noAnswer > 0 ? String.format(", %,d no answer", noAnswer) : "",
                        notSent > 0 ? String.format(", %,d not sent (over %,d in flight)", notSent, LoadDriver.MAX_IN_FLIGHT) : ""),
                "goodput " + ratio(goodput, max) + " max (goal ≥ 0.9×); 503 p99 "
                        + ResultRow.ms(tally.latency(status -> status == 503).p99()));
    }

    private Measured measureRaw(LoadDriver driver, int concurrency, LongFunction<HttpCall> calls) {
        return measureRaw(driver, concurrency, calls, null, null);
    }

    /** With a {@code cpu}, see {@link #closed(LoadDriver, int, LongFunction, String, ServerCpu)}. */
    private Measured measureRaw(LoadDriver driver, int concurrency, LongFunction<HttpCall> calls, String what, ServerCpu cpu) {
        var numbered = sequence(calls);
        var closed = closed(driver, concurrency, numbered, what, cpu);
        var open = driver.open(Math.max(1, OPEN_MODEL_LOAD * closed.perSecond()), phase, numbered);
        report(open.firstError());
        return new Measured(closed, open);
    }

    /**
     * The peer, closed loop at the same concurrency as the gateway's POST /Users just before it:
     * both rows give the latency under full load, which is where the issue compares p99.
     */
    private List<ResultRow> measurePeer(LoadDriver.Throughput gateway, GatewayTenant tenant) {
        try (var peer = ScimSdkPeerServer.start(); var driver = new LoadDriver(peer.baseUrl(), null)) {
            log("SCIM-SDK in memory (the peer), POST /Users, closed loop");
            var closed = closed(driver, settings.concurrency(), i -> tenant.createUser("peer-closed", i));
            return List.of(
                    ResultRow.closedLoop("SCIM-SDK 1.30.0 server, users in memory, no authentication (peer), POST /Users,"
                                    + " closed loop", String.format("%,.0f req/s", closed.perSecond()), closed.latency(),
                            closed.errors(), "reference"),
                    ResultRow.closedLoop("gateway POST /Users, closed loop (the row above its POST /Users, against the peer)",
                            String.format("%,.0f req/s", gateway.perSecond()), gateway.latency(), gateway.errors(),
                            "goodput " + ratio(gateway.perSecond(), closed.perSecond()) + " peer (goal ≥ 1.0×); p99 "
                                    + ratio(gateway.latency().p99(), closed.latency().p99()) + " peer's (goal ≤ 1×)"));
        }
    }

    private LoadDriver.Throughput closed(LoadDriver driver, int concurrency, LongFunction<HttpCall> calls) {
        return closed(driver, concurrency, calls, null, null);
    }

    /**
     * A warm-up, then the measured closed loop, one numbering across both; with a {@code cpu}, what
     * each request of the measured loop cost the servers goes into a note, named {@code what}.
     */
    private LoadDriver.Throughput closed(LoadDriver driver, int concurrency, LongFunction<HttpCall> calls, String what,
            ServerCpu cpu) {
        var numbered = sequence(calls);
        driver.closed(concurrency, WARM_UP, numbered);
        var before = cpu == null ? null : cpu.sample();
        var result = driver.closed(concurrency, phase, numbered);
        if (cpu != null) {
            httpCpu.add(what + " " + cpu.sample().minus(before).per(result.tally().ok()));
        }
        report(result.firstError());
        return result;
    }

    /**
     * Numbers a case's requests 0, 1, 2, … across all its phases (the drivers ask for them in
     * order), so that creates never repeat a userName and membership toggles keep their rhythm.
     */
    private static LongFunction<HttpCall> sequence(LongFunction<HttpCall> calls) {
        var next = new AtomicLong();
        return ignored -> calls.apply(next.getAndIncrement());
    }

    private static void report(String firstError) {
        if (firstError != null) {
            log("  first error: " + firstError);
        }
    }

    static String ratio(double value, double baseline) {
        return baseline > 0 ? String.format("%.3g×", value / baseline) : "—";
    }

    private static void log(String message) {
        System.out.printf("[bench %4.0f s] %s%n", (System.nanoTime() - STARTED) / 1e9, message);
    }

    private record Measured(LoadDriver.Throughput closed, LoadDriver.OpenResult open) {}

    /** @param limits sets the tenant's limits for this side's phases */
    private record Side(String name, Runnable limits, LongFunction<HttpCall> calls, List<LoadDriver.Throughput> results,
            List<ServerCpu.Ticks> cpu) {
        Side(String name, Runnable limits, LongFunction<HttpCall> calls) {
            this(name, limits, calls, new ArrayList<>(), new ArrayList<>());
        }
    }

    private record Costs(List<ResultRow> rows, double reference) {}
}
