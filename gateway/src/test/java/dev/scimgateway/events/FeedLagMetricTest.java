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
        // Tenant tags are bounded: in a long test run this tenant may be tagged "other", so the stream finds the series.
        String series = FeedMetrics.LAG + "{stream=\"" + streamId + "\",";
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

    private void awaitMeter(String seriesStart, double expected) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(10);
        while (lag(seriesStart) != expected && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        assertThat(lag(seriesStart)).as(seriesStart).isEqualTo(expected);
    }

    /** The value of the one series that starts so; -1 when there is none. */
    private double lag(String seriesStart) {
        String scrape = management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return scrape.lines().filter(line -> line.startsWith(seriesStart))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(-1);
    }
}
