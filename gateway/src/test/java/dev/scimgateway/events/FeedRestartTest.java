package dev.scimgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.OwnGateway;
import dev.scimgateway.support.OwnGatewayProcess;
import dev.scimgateway.support.ScimClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14: a gateway killed in the middle of a feed, and another started on its data: the stream's
 * position was in the database, so the receiver gets what it had not acknowledged (again, with the
 * same jti) and what came later, and nothing it had acknowledged; the key in the data directory
 * still signs, so the SETs verify with the JWKS as before.
 */
@Tag("own-gateway")
class FeedRestartTest {

    private static final String CREATE = "urn:ietf:params:scim:event:prov:create:notice";

    @Test
    void aRestartInTheMiddleOfAFeedLosesNothingAndRepeatsNothingAcknowledged() throws Exception {
        Path data = Path.of("target", "test-data", "feed-restart-" + UUID.randomUUID()).toAbsolutePath();
        String tenant = "feed-restart";
        List<String> users = new ArrayList<>();
        String idpToken;
        String eventsToken;
        String streamId;
        String unacknowledged;
        String jwksBefore;
        OwnGatewayProcess first = OwnGatewayProcess.launch(data, data.resolve("first.log"));
        try {
            WebTestClient http = first.http();
            idpToken = OwnGateway.tenantToken(http, OwnGatewayProcess.ADMIN_TOKEN, tenant);
            eventsToken = eventsToken(http, tenant);
            EventReceiver receiver = new EventReceiver(http, tenant, eventsToken);
            streamId = receiver.createStream(CREATE).get("stream_id").stringValue();
            ScimClient idp = new ScimClient(http, tenant, idpToken);
            for (int i = 0; i < 4; i++) {
                users.add(idp.createUser("restart" + i + "@example.com"));
            }
            List<String> firstTwo = jtis(receiver.poll(streamId, Map.of("returnImmediately", true, "maxEvents", 2)));
            receiver.poll(streamId, Map.of("maxEvents", 0, "ack", firstTwo));
            JsonNode third = receiver.poll(streamId, Map.of("returnImmediately", true, "maxEvents", 1));
            assertThat(subjects(receiver, third)).containsExactly("/Users/" + users.get(2));
            unacknowledged = jtis(third).get(0);
            jwksBefore = http.get().uri(FeedPaths.JWKS).exchange().expectBody(String.class).returnResult().getResponseBody();
        } finally {
            first.kill();
        }

        try (OwnGatewayProcess second = OwnGatewayProcess.launch(data, data.resolve("second.log"))) {
            WebTestClient http = second.http();
            users.add(new ScimClient(http, tenant, idpToken).createUser("restart4@example.com"));
            EventReceiver receiver = new EventReceiver(http, tenant, eventsToken);
            JsonNode after = receiver.poll(streamId, Map.of("returnImmediately", true, "maxEvents", 10));
            assertThat(subjects(receiver, after)).containsExactly("/Users/" + users.get(2), "/Users/" + users.get(3),
                    "/Users/" + users.get(4));
            assertThat(jtis(after).get(0)).as("delivered again as the same SET").isEqualTo(unacknowledged);
            assertThat(http.get().uri(FeedPaths.JWKS).exchange().expectBody(String.class).returnResult().getResponseBody())
                    .isEqualTo(jwksBefore);
        }
    }

    private static String eventsToken(WebTestClient http, String tenant) {
        return http.post().uri("/admin/v1/tenants/{t}/tokens", tenant)
                .header("Authorization", "Bearer " + OwnGatewayProcess.ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "receiver", "scopes", List.of("events")))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("token").stringValue();
    }

    private static List<String> jtis(JsonNode answer) {
        List<String> jtis = new ArrayList<>();
        answer.get("sets").propertyNames().forEach(jtis::add);
        return jtis;
    }

    private static List<String> subjects(EventReceiver receiver, JsonNode answer) {
        return receiver.verified(answer).stream().map(EventReceiver.Set::uri).toList();
    }
}
