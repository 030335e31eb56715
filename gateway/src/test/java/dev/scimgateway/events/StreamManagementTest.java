package dev.scimgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** SSF 1.0 §8.1: a receiver creates, reads, changes and deletes its streams, and those of its tenant only. */
class StreamManagementTest extends GatewayTest {

    private static final String CREATE_NOTICE = "urn:ietf:params:scim:event:prov:create:notice";
    private static final String CREATE_FULL = "urn:ietf:params:scim:event:prov:create:full";
    private static final String DEACTIVATE = "urn:ietf:params:scim:event:prov:deactivate";

    @Test
    void aStreamIsCreatedReadChangedAndDeleted() {
        EventReceiver receiver = EventReceiver.of(http, newTenant("streams"));
        JsonNode created = receiver.createStream(CREATE_NOTICE, CREATE_FULL, DEACTIVATE, "urn:example:unknown");
        String id = created.get("stream_id").stringValue();
        String issuer = created.get("iss").stringValue();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(created.get("aud").stringValue()).isEqualTo(issuer + FeedPaths.STREAMS + "/" + id);
        assertThat(created.get("delivery").get("method").stringValue()).isEqualTo("urn:ietf:rfc:8936");
        assertThat(created.get("delivery").get("endpoint_url").stringValue())
                .isEqualTo(issuer + FeedPaths.STREAMS + "/" + id + FeedPaths.POLL_SUFFIX);
        // Both forms of create asked for: full only, since one change is one SET; the unknown URI is ignored.
        assertThat(created.get("events_delivered").toString()).isEqualTo("[\"" + CREATE_FULL + "\",\"" + DEACTIVATE + "\"]");
        assertThat(created.get("events_supported").size()).isEqualTo(9);

        JsonNode read = EventReceiver.body(receiver.send(HttpMethod.GET, FeedPaths.STREAMS + "?stream_id=" + id, null)
                .expectStatus().isOk());
        assertThat(read).isEqualTo(created);
        JsonNode all = EventReceiver.body(receiver.send(HttpMethod.GET, FeedPaths.STREAMS, null).expectStatus().isOk());
        assertThat(all.isArray()).isTrue();
        assertThat(all.get(0)).isEqualTo(created);

        JsonNode patched = EventReceiver.body(receiver.send(HttpMethod.PATCH, FeedPaths.STREAMS,
                Map.of("stream_id", id, "events_requested", List.of(DEACTIVATE))).expectStatus().isOk());
        assertThat(patched.get("events_delivered").toString()).isEqualTo("[\"" + DEACTIVATE + "\"]");
        assertThat(patched.get("description").stringValue()).as("PATCH keeps what it does not name").isEqualTo("test receiver");
        JsonNode replaced = EventReceiver.body(receiver.send(HttpMethod.PUT, FeedPaths.STREAMS,
                Map.of("stream_id", id, "events_requested", List.of(CREATE_NOTICE))).expectStatus().isOk());
        assertThat(replaced.has("description")).as("PUT removes what it does not name").isFalse();
        receiver.send(HttpMethod.PATCH, FeedPaths.STREAMS, Map.of("stream_id", id, "iss", "https://elsewhere.example"))
                .expectStatus().isBadRequest();

        JsonNode paused = EventReceiver.body(receiver.send(HttpMethod.POST, FeedPaths.STATUS,
                Map.of("stream_id", id, "status", "paused", "reason", "maintenance")).expectStatus().isOk());
        assertThat(paused.get("status").stringValue()).isEqualTo("paused");
        JsonNode status = EventReceiver.body(receiver.send(HttpMethod.GET, FeedPaths.STATUS + "?stream_id=" + id, null)
                .expectStatus().isOk());
        assertThat(status.get("status").stringValue()).isEqualTo("paused");
        assertThat(status.get("reason").stringValue()).isEqualTo("maintenance");
        receiver.send(HttpMethod.POST, FeedPaths.STATUS, Map.of("stream_id", id, "status", "sleeping"))
                .expectStatus().isBadRequest();

        receiver.send(HttpMethod.DELETE, FeedPaths.STREAMS + "?stream_id=" + id, null).expectStatus().isNoContent();
        receiver.send(HttpMethod.GET, FeedPaths.STREAMS + "?stream_id=" + id, null).expectStatus().isNotFound();
        receiver.send(HttpMethod.DELETE, FeedPaths.STREAMS + "?stream_id=" + id, null).expectStatus().isNotFound();
    }

    @Test
    void aReceiverOfAnotherTenantFindsNoStream() {
        EventReceiver a = EventReceiver.of(http, newTenant("tenant-a"));
        EventReceiver b = EventReceiver.of(http, newTenant("tenant-b"));
        String id = a.createStream(DEACTIVATE).get("stream_id").stringValue();

        b.send(HttpMethod.GET, FeedPaths.STREAMS + "?stream_id=" + id, null).expectStatus().isNotFound();
        assertThat(EventReceiver.body(b.send(HttpMethod.GET, FeedPaths.STREAMS, null).expectStatus().isOk()).size()).isZero();
        b.send(HttpMethod.PATCH, FeedPaths.STREAMS, Map.of("stream_id", id, "description", "mine"))
                .expectStatus().isNotFound();
        b.send(HttpMethod.PUT, FeedPaths.STREAMS, Map.of("stream_id", id)).expectStatus().isNotFound();
        b.send(HttpMethod.GET, FeedPaths.STATUS + "?stream_id=" + id, null).expectStatus().isNotFound();
        b.send(HttpMethod.POST, FeedPaths.STATUS, Map.of("stream_id", id, "status", "disabled")).expectStatus().isNotFound();
        b.send(HttpMethod.POST, FeedPaths.STREAMS + "/" + id + FeedPaths.POLL_SUFFIX, Map.of("returnImmediately", true))
                .expectStatus().isNotFound();
        b.send(HttpMethod.DELETE, FeedPaths.STREAMS + "?stream_id=" + id, null).expectStatus().isNotFound();

        JsonNode still = EventReceiver.body(a.send(HttpMethod.GET, FeedPaths.STATUS + "?stream_id=" + id, null)
                .expectStatus().isOk());
        assertThat(still.get("status").stringValue()).isEqualTo("enabled");
        assertThat(EventReceiver.body(a.send(HttpMethod.GET, FeedPaths.STREAMS + "?stream_id=" + id, null)
                .expectStatus().isOk()).get("description").stringValue()).isEqualTo("test receiver");
    }

    @Test
    void badRequestsAreTold() {
        EventReceiver receiver = EventReceiver.of(http, newTenant("streams"));
        receiver.send(HttpMethod.POST, FeedPaths.STREAMS, Map.of("delivery", Map.of("method", "urn:example:carrier-pigeon")))
                .expectStatus().isBadRequest();
        receiver.send(HttpMethod.POST, FeedPaths.STREAMS, Map.of("events_requested", "all")).expectStatus().isBadRequest();
        receiver.send(HttpMethod.GET, FeedPaths.STATUS, null).expectStatus().isBadRequest();
        receiver.send(HttpMethod.GET, FeedPaths.STREAMS + "?stream_id=not-a-stream", null).expectStatus().isNotFound();
        String id = receiver.createStream(DEACTIVATE).get("stream_id").stringValue();
        receiver.send(HttpMethod.POST, FeedPaths.STREAMS + "/" + id + FeedPaths.POLL_SUFFIX, Map.of("maxEvents", -1))
                .expectStatus().isBadRequest();
        receiver.send(HttpMethod.POST, FeedPaths.STREAMS + "/" + id + FeedPaths.POLL_SUFFIX, Map.of("ack", "x"))
                .expectStatus().isBadRequest();
        JsonNode empty = receiver.poll(id, Map.of("returnImmediately", true));
        assertThat(empty.get("sets").size()).isZero();
        assertThat(empty.get("moreAvailable").booleanValue()).isFalse();
    }
}
