package dev.scimgateway.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * RFC 8935 push to a real HTTP receiver (WireMock): SETs arrive in order, with the receiver's
 * Authorization header, through failures and retries; a receiver that keeps failing gets its
 * stream paused, visibly, until it is enabled again. The test gateway pushes at test pace
 * (GatewayTest: 100 ms rounds and backoff, pause after 5 failures).
 */
class PushDeliveryTest extends GatewayTest {

    private static final String PROV = "urn:ietf:params:scim:event:prov:";
    private static WireMockServer receiver;

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @Test
    void everySetArrivesOnceAcceptedInOrderThroughThreeFailures() {
        String path = "/events/" + UUID.randomUUID();
        String scenario = "fails three times " + path;
        String state = Scenario.STARTED;
        for (int failure = 1; failure <= 3; failure++) {
            receiver.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("failed " + failure));
            state = "failed " + failure;
        }
        receiver.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(state)
                .willReturn(aResponse().withStatus(202)));

        ScimClient idp = newScimClient("push");
        EventReceiver events = EventReceiver.of(http, idp.tenantId());
        JsonNode stream = pushStream(events, path);
        assertThat(stream.get("delivery").get("method").stringValue()).isEqualTo("urn:ietf:rfc:8935");
        assertThat(stream.get("delivery").has("authorization_header")).as("the receiver's secret is never shown").isFalse();
        events.send(HttpMethod.POST, FeedPaths.STREAMS + "/" + stream.get("stream_id").stringValue() + FeedPaths.POLL_SUFFIX,
                Map.of("returnImmediately", true)).expectStatus().isBadRequest();

        String first = idp.createUser("p1@example.com");
        String second = idp.createUser("p2@example.com");
        idp.delete("/Users/" + first).expectStatus().isNoContent();
        String third = idp.createUser("p3@example.com");

        List<ServeEvent> accepted = await(path, requests -> requests.stream()
                .filter(request -> request.getResponse().getStatus() == 202).count() >= 4);
        assertThat(requestsTo(path).stream().filter(request -> request.getResponse().getStatus() == 503)).hasSize(3);
        List<EventReceiver.Set> sets = accepted.stream().map(request -> events.verified(request.getRequest().getBodyAsString()))
                .toList();
        assertThat(sets).extracting(set -> set.event() + " " + set.uri()).containsExactly(
                PROV + "create:notice /Users/" + first, PROV + "create:notice /Users/" + second,
                PROV + "delete /Users/" + first, PROV + "create:notice /Users/" + third);
        for (ServeEvent request : accepted) {
            assertThat(request.getRequest().getHeader("Authorization")).isEqualTo("Bearer receiver-secret");
            assertThat(request.getRequest().getHeader("Content-Type")).startsWith("application/secevent+jwt");
        }

        // Accepted SETs are acknowledged: nothing more comes, and the stream is enabled.
        sleep(Duration.ofMillis(800));
        assertThat(accepted(path)).hasSize(4);
        assertThat(status(events, stream).get("status").stringValue()).isEqualTo("enabled");
    }

    @Test
    void aStreamWhoseReceiverKeepsFailingIsPausedAndResumesWhenEnabled() {
        String path = "/events/" + UUID.randomUUID();
        receiver.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(500)));
        ScimClient idp = newScimClient("push-down");
        EventReceiver events = EventReceiver.of(http, idp.tenantId());
        JsonNode stream = pushStream(events, path);
        String user = idp.createUser("down@example.com");

        double pausedBefore = meter("scim_events_streams_paused_total");
        JsonNode paused = awaitStatus(events, stream, "paused");
        assertThat(meter("scim_events_streams_paused_total")).isGreaterThan(pausedBefore);
        assertThat(meter("scim_events_push_failures_total")).isGreaterThanOrEqualTo(5);
        assertThat(paused.get("reason").stringValue()).contains("failed 5 times in a row").contains("HTTP 500");
        assertThat(requestsTo(path)).hasSize(5);
        sleep(Duration.ofMillis(600));
        assertThat(requestsTo(path)).as("a paused stream sends nothing").hasSize(5);

        receiver.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(202)));
        events.send(HttpMethod.POST, FeedPaths.STATUS, Map.of("stream_id", stream.get("stream_id").stringValue(),
                "status", "enabled")).expectStatus().isOk();
        List<ServeEvent> accepted = await(path, requests -> requests.stream()
                .anyMatch(request -> request.getResponse().getStatus() == 202));
        assertThat(events.verified(accepted.get(0).getRequest().getBodyAsString()).uri()).isEqualTo("/Users/" + user);
    }

    private JsonNode pushStream(EventReceiver events, String path) {
        return EventReceiver.body(events.send(HttpMethod.POST, FeedPaths.STREAMS, Map.of(
                "delivery", Map.of("method", "urn:ietf:rfc:8935", "endpoint_url", receiver.baseUrl() + path,
                        "authorization_header", "Bearer receiver-secret"),
                "events_requested", List.of(PROV + "create:notice", PROV + "delete"))).expectStatus().isCreated());
    }

    private static JsonNode status(EventReceiver events, JsonNode stream) {
        return EventReceiver.body(events.send(HttpMethod.GET, FeedPaths.STATUS + "?stream_id="
                + stream.get("stream_id").stringValue(), null).expectStatus().isOk());
    }

    private static JsonNode awaitStatus(EventReceiver events, JsonNode stream, String wanted) {
        Instant until = Instant.now().plusSeconds(20);
        while (true) {
            JsonNode status = status(events, stream);
            if (status.get("status").stringValue().equals(wanted) || Instant.now().isAfter(until)) {
                assertThat(status.get("status").stringValue()).isEqualTo(wanted);
                return status;
            }
            sleep(Duration.ofMillis(100));
        }
    }

    /** The requests the receiver got at {@code path}, oldest first. */
    private static List<ServeEvent> requestsTo(String path) {
        return receiver.getAllServeEvents().stream().filter(event -> event.getRequest().getUrl().equals(path))
                .sorted(java.util.Comparator.comparing(event -> event.getRequest().getLoggedDate())).toList();
    }

    private static List<ServeEvent> accepted(String path) {
        return requestsTo(path).stream().filter(request -> request.getResponse().getStatus() == 202).toList();
    }

    private static List<ServeEvent> await(String path, Predicate<List<ServeEvent>> done) {
        Instant until = Instant.now().plusSeconds(20);
        while (!done.test(requestsTo(path)) && Instant.now().isBefore(until)) {
            sleep(Duration.ofMillis(100));
        }
        assertThat(done.test(requestsTo(path))).as("the receiver got what it should in time: " + requestsTo(path).size())
                .isTrue();
        return accepted(path);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
