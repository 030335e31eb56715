package dev.scimgateway.load.bench;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Many tenants (issue 17): T tenants of U users each, made through the admin API (each with its
 * own token) and seeded with COPY, then {@code POST /Users} spread over all of them, round-robin,
 * against the same load in the benchmark's one tenant. The two sides alternate in rounds of half a
 * phase, so the machine's drift falls on both; the ratio is the median of the per-round ratios.
 * Then the heap the gateway keeps after a full collection, once every tenant has been served:
 * what its per-tenant state (tokens, limits, schemas, meters) costs.
 */
final class ManyTenants {

    private static final int ROUNDS = 4;
    /** Admin calls in flight while the tenants are made. */
    private static final int MAKING = 32;
    private static final long GOAL_HEAP_BYTES = 256L << 20;

    private ManyTenants() {}

    static List<ResultRow> measure(BenchSettings settings, GatewayProcess gateway, BenchPostgres postgres,
            LoadDriver driver, GatewayTenant tenant, List<String> notes, Consumer<String> log) throws Exception {
        int count = settings.tenants();
        log.accept(String.format("making %,d tenants with a token each, and %,d users in each", count,
                settings.tenantUsers()));
        var admin = gateway.admin();
        List<String> tokens = Flux.range(0, count)
                .flatMapSequential(i -> Mono.fromCallable(() -> admin.createTenantWithToken(name(i)))
                        .subscribeOn(Schedulers.boundedElastic()), MAKING)
                .collectList()
                .block();
        try (Connection connection = postgres.connect(BenchPostgres.GATEWAY_DB)) {
            for (int i = 0; i < count; i++) {
                UserCopy.copy(connection, name(i), "seed", settings.tenantUsers());
            }
            connection.createStatement().execute("ANALYZE");
        }
        var oneNext = new AtomicLong();
        var spreadNext = new AtomicLong();
        LongFunction<HttpCall> one = ignored -> tenant.createUser("one-tenant", oneNext.getAndIncrement());
        LongFunction<HttpCall> spread = ignored -> {
            long i = spreadNext.getAndIncrement();
            return tenant.createUser("spread", i).withAuthorization("Bearer " + tokens.get((int) (i % count)));
        };
        // Every tenant's first request pays for what the gateway learns of it once (its schemas, its
        // rate-limit bucket): measured apart, so that the rounds measure tenants already seen.
        log.accept("gateway POST /Users, the first request of each of the " + count + " tenants");
        var first = driver.pass(settings.concurrency(), count, spread);
        if (first.firstError() != null) {
            log.accept("  first error: " + first.firstError());
        }
        log.accept("gateway POST /Users, one tenant against all " + count + " in turn; " + ROUNDS + " rounds");
        Duration half = Duration.ofSeconds(settings.seconds()).dividedBy(2);
        var oneResults = new ArrayList<LoadDriver.Throughput>();
        var spreadResults = new ArrayList<LoadDriver.Throughput>();
        for (int round = 0; round < ROUNDS; round++) {
            boolean spreadFirst = round % 2 == 1;
            for (int side = 0; side < 2; side++) {
                boolean spreading = (side == 0) == spreadFirst;
                var result = driver.closed(settings.concurrency(), half, spreading ? spread : one);
                if (result.firstError() != null) {
                    log.accept("  first error: " + result.firstError());
                }
                (spreading ? spreadResults : oneResults).add(result);
            }
        }
        long served = spreadNext.get() - count;
        long heap = gateway.liveHeapBytes();
        double[] ratios = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            ratios[round] = spreadResults.get(round).perSecond() / oneResults.get(round).perSecond();
        }
        Arrays.sort(ratios);
        double median = (ratios[ROUNDS / 2 - 1] + ratios[ROUNDS / 2]) / 2;
        notes.add(String.format("Many tenants: %,d tenants of %,d users; the first request of each ran at %,.0f req/s"
                        + " (%,d errors); then %,d requests over them in the rounds; the gateway's heap after a forced"
                        + " full GC: %s (goal ≤ %s).", count, settings.tenantUsers(), first.perSecond(), first.errors(),
                served, BenchmarkReport.mebibytes(heap), BenchmarkReport.mebibytes(GOAL_HEAP_BYTES)));
        return List.of(
                row("gateway POST /Users, one tenant (reference of the row below)", oneResults, "reference"),
                row(String.format("gateway POST /Users spread over %,d tenants of %,d users", count,
                        settings.tenantUsers()), spreadResults, String.format("%.3f× one tenant (goal ≥ 0.9×);"
                                + " per-round %.3f–%.3f×; heap after full GC %s (goal ≤ 256 MiB)", median, ratios[0],
                        ratios[ROUNDS - 1], BenchmarkReport.mebibytes(heap))));
    }

    private static ResultRow row(String name, List<LoadDriver.Throughput> results, String ratio) {
        double[] rates = results.stream().mapToDouble(LoadDriver.Throughput::perSecond).sorted().toArray();
        var tally = LoadDriver.Tally.of(results.stream().map(LoadDriver.Throughput::tally).toList());
        return ResultRow.closedLoop(name, String.format("%,.0f req/s (median of %d)",
                        (rates[rates.length / 2 - 1] + rates[rates.length / 2]) / 2, rates.length),
                tally.latency(status -> true), results.stream().mapToLong(LoadDriver.Throughput::errors).sum(), ratio);
    }

    private static String name(int i) {
        return String.format("many-%05d", i);
    }
}
