package dev.scimgateway.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.scimgateway.load.CiAssertions;
import dev.scimgateway.load.Parameters;
import dev.scimgateway.load.ScimProtocol;
import dev.scimgateway.load.bulk.BulkBatch;
import dev.scimgateway.load.bulk.BulkBodies;
import dev.scimgateway.load.bulk.BulkLayout;
import dev.scimgateway.load.bulk.BulkResults;
import dev.scimgateway.load.bulk.SentBatch;
import dev.scimgateway.load.okta.ServerIds;
import dev.scimgateway.load.okta.TenantPlan;
import dev.scimgateway.load.target.GatewayTarget;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A generated tenant onboarded through {@code POST /Bulk}: first BulkRequests (RFC 7644 §3.7) of
 * {@code bulk.size} operations, then NDJSON streams ({@code application/x-ndjson}, one operation per
 * line) of {@code bulk.ndjsonLines}. Each batch creates users (with bulkIds) and carries the group
 * operations for them: a group's POST the first time it appears, later PATCHes that add members;
 * members are {@code bulkId:} references to users of the same batch, groups of earlier batches
 * are named by the ids their creates answered (see {@link BulkLayout}).
 *
 * <p>Every operation's result is checked, not only the HTTP status: a batch in which any
 * operation answered a status of 400 or more fails, with the statuses in its error message.
 *
 * <p>Parameters ({@code -Dname=value}): {@code bulk.users} (N), {@code bulk.groups} (M),
 * {@code bulk.size} (operations per BulkRequest), {@code bulk.ndjson} (stream a share of the
 * users), {@code bulk.ndjsonShare}, {@code bulk.ndjsonLines} (lines per stream),
 * {@code bulk.idempotencyKeys} (an {@code idempotencyKey} on every line), {@code bulk.concurrency}
 * (batches in flight), {@code bulk.rate} (batches per second, open model, instead of the
 * concurrency), {@code bulk.duration} (seconds; when set, overrides the rate so that all batches
 * start within this long), {@code bulk.seed}, and the target ({@link GatewayTarget}).
 */
public class BulkOnboardingSimulation extends Simulation {

    static final String BULK_REQUEST = "POST /Bulk BulkRequest";
    static final String NDJSON_STREAM = "POST /Bulk NDJSON stream";
    private static final String NDJSON = "application/x-ndjson";
    /** How long a batch waits for the creates (in earlier batches) of the groups and users it names. */
    private static final Duration ID_WAIT = Duration.ofSeconds(30);

    private final int userCount = Parameters.integer("bulk.users", 400, 2000);
    private final int groupCount = Parameters.integer("bulk.groups", 4, 10);
    private final int bulkSize = Parameters.integer("bulk.size", 50, 100);
    private final boolean ndjson = Parameters.flag("bulk.ndjson", true);
    private final double ndjsonShare = ndjson ? Parameters.decimal("bulk.ndjsonShare", 0.5, 0.5) : 0;
    private final int ndjsonLines = Parameters.integer("bulk.ndjsonLines", 100, 500);
    private final int concurrency = Parameters.integer("bulk.concurrency", 2, 2);
    private final TenantPlan plan = TenantPlan.generate(userCount, groupCount, 0, Parameters.longValue("bulk.seed", 42));
    private final List<BulkBatch> batches = BulkLayout.of(plan, (int) Math.round(userCount * (1 - ndjsonShare)),
            bulkSize, ndjsonLines);
    private final double batchesPerSecond = ratePerSecond(batches.size());
    private final ServerIds userIds = new ServerIds(userCount);
    private final ServerIds groupIds = new ServerIds(groupCount);
    private final BulkBodies bodies = new BulkBodies(plan, userIds, groupIds, Parameters.flag("bulk.idempotencyKeys", true)
            ? "load-" + Long.toString(System.currentTimeMillis(), 36) : null);
    private final BulkResults results = new BulkResults(userIds, groupIds);
    private final GatewayTarget target = GatewayTarget.fromSystemProperties("bulk");

    {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("bulk.users must be at least 1");
        }
        List<BulkBatch> requests = ofKind(BulkBatch.Kind.BULK_REQUEST);
        List<BulkBatch> streams = ofKind(BulkBatch.Kind.NDJSON);
        System.out.printf("Bulk onboarding: tenant %s, %d users, %d groups; %d BulkRequests of up to %d operations,"
                        + " %d NDJSON streams of up to %d lines; %s%n", target.tenantId(), userCount, groupCount,
                requests.size(), bulkSize, streams.size(), ndjsonLines,
                batchesPerSecond > 0 ? String.format("%.2f batches/s", batchesPerSecond) : concurrency + " batches in flight");
        List<PopulationBuilder> phases = new ArrayList<>();
        Map<String, Integer> operationsPerRequest = new LinkedHashMap<>();
        if (!requests.isEmpty()) {
            phases.add(phase("BulkRequests", requests, BULK_REQUEST));
            operationsPerRequest.put(BULK_REQUEST, mostOperations(requests));
        }
        if (!streams.isEmpty()) {
            phases.add(phase("NDJSON streams", streams, NDJSON_STREAM));
            operationsPerRequest.put(NDJSON_STREAM, mostOperations(streams));
        }
        // The streams start when every BulkRequest has answered: they name groups those created.
        setUp(phases.size() == 1 ? phases.get(0) : phases.get(0).andThen(phases.get(1)))
                .protocols(ScimProtocol.client(target, "scim-gateway-load bulk onboarding"))
                .assertions(CiAssertions.perOperation(operationsPerRequest));
    }

    @Override
    public void after() {
        System.out.println("Bulk onboarding: " + results.summary());
    }

    /** The batches of one kind, one after the other: as a closed model of {@code bulk.concurrency} clients, or at a rate. */
    private PopulationBuilder phase(String name, List<BulkBatch> phaseBatches, String requestName) {
        ChainBuilder send = exec(s -> s.set("waitUntil", System.currentTimeMillis() + ID_WAIT.toMillis()))
                .asLongAs(s -> bodies.waitsFor(batch(s, phaseBatches)) && System.currentTimeMillis() < s.getLong("waitUntil"))
                .on(pause(Duration.ofMillis(20)))
                .exec(s -> s.set("sent", bodies.render(batch(s, phaseBatches))))
                .exec(request(requestName, phaseBatches.get(0).kind()))
                .exec(s -> {
                    results.settle(sent(s));
                    return s.remove("sent");
                });
        int count = phaseBatches.size();
        if (batchesPerSecond > 0) {
            var feeder = IntStream.range(0, count).mapToObj(i -> Map.<String, Object>of("batch", i)).iterator();
            // At least a second: Gatling 3.15 never injected a ramp shorter than that (the phase hung or was skipped).
            return scenario(name).feed(feeder).exec(send).injectOpen(rampUsers(count)
                    .during(Duration.ofMillis(Math.max(1000, Math.round(count * 1000 / batchesPerSecond)))));
        }
        AtomicInteger next = new AtomicInteger();
        return scenario(name)
                .asLongAs(s -> next.get() < count).on(
                        exec(s -> s.set("batch", next.getAndIncrement()))
                                .doIf(s -> s.getInt("batch") < count).then(send))
                .injectOpen(atOnceUsers(Math.max(1, Math.min(concurrency, count))));
    }

    private HttpRequestActionBuilder request(String name, BulkBatch.Kind kind) {
        var request = http(name).post("/Bulk")
                .body(StringBody(s -> sent(s).body()))
                .check(status().is(200),
                        bodyString().transformWithSession((body, s) -> results.judge(sent(s), body))
                                .is(BulkResults.ALL_SUCCEEDED));
        return kind == BulkBatch.Kind.NDJSON
                ? request.header("Content-Type", NDJSON).header("Accept", NDJSON)
                : request;
    }

    private List<BulkBatch> ofKind(BulkBatch.Kind kind) {
        return batches.stream().filter(b -> b.kind() == kind).toList();
    }

    private static int mostOperations(List<BulkBatch> of) {
        return of.stream().mapToInt(b -> b.operations().size()).max().orElse(1);
    }

    private static BulkBatch batch(Session session, List<BulkBatch> phaseBatches) {
        return phaseBatches.get(session.getInt("batch"));
    }

    private static SentBatch sent(Session session) {
        return session.get("sent");
    }

    private static double ratePerSecond(int batches) {
        int duration = Parameters.integer("bulk.duration", 0, 0);
        return duration > 0 ? (double) batches / duration : Parameters.decimal("bulk.rate", 0, 0);
    }
}
