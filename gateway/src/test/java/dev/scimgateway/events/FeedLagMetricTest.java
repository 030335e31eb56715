package dev.scimgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Issue 14 item 4: each stream's lag, the changes its receiver has not acknowledged, is a metric. */
class FeedLagMetricTest extends GatewayTest {

    @Test
    void aStreamsLagGrowsWithChangesAndFallsWithAcknowledgements() throws InterruptedException {
        ScimClient idp = newScimClient("lag");
        EventReceiver receiver = EventReceiver.of(http, idp.tenantId());
        String streamId = receiver.createStream("urn:ietf:params:scim:event:prov:create:notice").get("stream_id").stringValue();
        String series = FeedMetrics.LAG + "{stream=\"" + streamId + "\",tenant=\"" + idp.tenantId() + "\"}";
        for (int i = 0; i < 3; i++) {
            idp.createUser("lag" + i + "@example.com");
        }
        awaitMeter(series, 3);

        JsonNode polled = receiver.poll(streamId, Map.of("returnImmediately", true));
        List<String> jtis = new ArrayList<>();
        polled.get("sets").propertyNames().forEach(jtis::add);
        receiver.poll(streamId, Map.of("maxEvents", 0, "ack", jtis));
        awaitMeter(series, 0);
    }

    private void awaitMeter(String series, double expected) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(10);
        while (meter(series) != expected && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        assertThat(meter(series)).as(series).isEqualTo(expected);
    }
}
