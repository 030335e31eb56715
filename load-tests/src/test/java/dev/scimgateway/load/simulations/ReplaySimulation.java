package dev.scimgateway.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.scimgateway.load.CiAssertions;
import dev.scimgateway.load.Parameters;
import dev.scimgateway.load.replay.CapturedRequest;
import dev.scimgateway.load.replay.IdMap;
import dev.scimgateway.load.replay.ReplayClock;
import dev.scimgateway.load.replay.ResourceLanes;
import dev.scimgateway.load.replay.TrafficFile;
import dev.scimgateway.load.target.GatewayTarget;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Replays a captured traffic file ({@code replay.file}) against a gateway at {@code replay.speed}
 * times the captured pace (1 = as captured). Requests about one resource keep their captured
 * order; ids the capturing server assigned are replaced by the ids the target assigns.
 *
 * <p>Each replayed request must get the status that was captured (when the capture has one), so a
 * replay also tells whether the target behaves like the source.
 */
public class ReplaySimulation extends Simulation {

    private final List<CapturedRequest> requests = TrafficFile.read(Path.of(Parameters.text("replay.file",
            "load-tests/src/test/resources/replay/okta-sample.ndjson")));
    private final List<List<CapturedRequest>> lanes = ResourceLanes.split(requests);
    private final IdMap ids = new IdMap(requests);
    private final ReplayClock clock = new ReplayClock(Parameters.decimal("replay.speed", 4.0, 1.0));
    private final long idWaitMillis = Parameters.integer("replay.idWaitSeconds", 10, 30) * 1000L;
    private final boolean keepPreconditions = Parameters.flag("replay.keepPreconditions", false);
    private final GatewayTarget target = GatewayTarget.fromSystemProperties("replay");

    {
        System.out.printf("Replay: %d requests in %d lanes, into tenant %s%n", requests.size(), lanes.size(), target.tenantId());
        var laneFeeder = IntStream.range(0, lanes.size()).mapToObj(i -> Map.<String, Object>of("lane", i)).iterator();
        var replay = scenario("Replay").feed(laneFeeder)
                .repeat(s -> lane(s).size(), "step").on(step());
        setUp(replay.injectOpen(atOnceUsers(lanes.size())))
                // Captured paths and queries are already percent-encoded, as they arrived at the capturing gateway.
                .protocols(http.baseUrl(target.scimBaseUrl()).disableFollowRedirect().disableUrlEncoding())
                .assertions(CiAssertions.standard());
    }

    private ChainBuilder step() {
        return pause(s -> Duration.ofMillis(clock.millisUntil(current(s).t())))
                .exec(s -> s.set("waitUntil", System.currentTimeMillis() + idWaitMillis))
                .asLongAs(s -> ids.waitsFor(current(s).pathAndQuery() + " " + current(s).bodyText())
                        && System.currentTimeMillis() < s.getLong("waitUntil"))
                .on(pause(Duration.ofMillis(20)))
                .doIfOrElse(s -> current(s).hasBody())
                .then(exec(withCapturedHeaders(request()).body(StringBody(s -> ids.rewrite(current(s).bodyText())))))
                .orElse(exec(withCapturedHeaders(request())))
                .exec(s -> {
                    CapturedRequest request = current(s);
                    if (request.id() != null && request.method().equals("POST")) {
                        ids.learn(request.id(), s.contains("newId") ? s.getString("newId") : null);
                    }
                    return s.remove("newId");
                });
    }

    private HttpRequestActionBuilder request() {
        return http(s -> IdMap.requestType(current(s)))
                .httpRequest(s -> current(s).method(), s -> ids.rewrite(current(s).pathAndQuery()))
                .check(status().is(s -> expectedStatus(current(s))))
                // Only creates carry the id to learn; 204 answers have no body to parse.
                .checkIf(s -> current(s).method().equals("POST") && current(s).id() != null)
                .then(jmesPath("id").optional().saveAs("newId"));
    }

    private HttpRequestActionBuilder withCapturedHeaders(HttpRequestActionBuilder request) {
        var withHeaders = request
                .header("Authorization", s -> current(s).auth().equals("bare") ? target.token() : "Bearer " + target.token())
                .header("Accept", s -> current(s).headers().getOrDefault("accept", "application/scim+json"))
                .header("Content-Type", s -> current(s).headers().getOrDefault("content-type", "application/scim+json"))
                .header("User-Agent", s -> current(s).headers().getOrDefault("user-agent", "scim-gateway-replay"));
        // Versions in the target need not match the captured ones, so by default a replay measures
        // the work rather than whether old ETags happen to line up.
        return keepPreconditions
                ? withHeaders.header("If-Match", s -> current(s).headers().getOrDefault("if-match", "*"))
                : withHeaders;
    }

    private static int expectedStatus(CapturedRequest request) {
        if (request.status() != null) {
            return request.status();
        }
        return switch (request.method()) {
            case "POST" -> 201;
            case "DELETE" -> 204;
            default -> 200;
        };
    }

    private List<CapturedRequest> lane(Session session) {
        return lanes.get(session.getInt("lane"));
    }

    private CapturedRequest current(Session session) {
        return lane(session).get(session.getInt("step"));
    }
}
