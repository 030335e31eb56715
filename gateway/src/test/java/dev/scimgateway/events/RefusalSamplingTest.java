package dev.scimgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.OwnGateway;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * While the refusal writer is behind, refusals past its queue are left out of the log, counted,
 * and answered with {@code Activity-Log: sampled-out}; the ones queued are written.
 */
@Tag("own-gateway")
class RefusalSamplingTest {

    @Test
    void refusalsPastTheQueueAreSampledOutAndSaySo() {
        GatewayTest.installBlockHound();
        try (var gateway = OwnGateway.start("sampling", "scim-gateway.activity.refusal-queue=2",
                "scim-gateway.activity.refusal-window=2s")) {
            List<String> headers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                var answer = gateway.http().get().uri("/scim/v2/Users/" + UUID.randomUUID())
                        .header("Authorization", "Bearer " + gateway.token()).exchange()
                        .expectStatus().isNotFound().returnResult(String.class);
                headers.add(answer.getResponseHeaders().getFirst(RefusalLog.HEADER));
            }
            assertThat(headers).containsExactly(null, null, RefusalLog.SAMPLED_OUT, RefusalLog.SAMPLED_OUT);
            MeterRegistry meters = gateway.app().getBean(MeterRegistry.class);
            assertThat(meters.get("scim.activity.refusals").tag("result", "sampled_out").counter().count())
                    .isEqualTo(2);

            ActivityApi api = new ActivityApi(gateway.http(), gateway.adminToken());
            assertThat(api.awaitRows(gateway.tenant(), "", rows -> rows.size() >= 2)).hasSize(2);
            assertThat(meters.get("scim.activity.refusals").tag("result", "written").counter().count()).isEqualTo(2);
            // Written, the queue has room again.
            gateway.http().get().uri("/scim/v2/Users/" + UUID.randomUUID())
                    .header("Authorization", "Bearer " + gateway.token()).exchange()
                    .expectStatus().isNotFound().expectHeader().doesNotExist(RefusalLog.HEADER);
        }
    }
}
