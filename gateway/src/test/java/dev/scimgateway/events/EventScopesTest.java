package dev.scimgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** Issue 14: an events token reads the feed and cannot provision; a SCIM token cannot touch the feed. */
class EventScopesTest extends GatewayTest {

    @Test
    void anEventsTokenCannotUseTheScimApi() {
        String tenant = newTenant("scopes");
        EventReceiver receiver = EventReceiver.of(http, tenant);
        ScimClient asReceiver = new ScimClient(http, tenant, receiver.token());

        JsonBodyCheck.detail(asReceiver.post("/Users", Map.of("schemas",
                java.util.List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "userName", "eve"))
                .expectStatus().isForbidden(), "events token");
        JsonBodyCheck.detail(asReceiver.get("/Users").expectStatus().isForbidden(), "events token");
        // The same token manages streams.
        receiver.createStream(ScimEvents.SUPPORTED.get(0));
    }

    @Test
    void aScimTokenCannotManageOrPollStreams() {
        ScimClient idp = newScimClient("scopes");
        EventReceiver asIdp = new EventReceiver(http, idp.tenantId(), idp.token());
        JsonBodyCheck.detail(asIdp.send(HttpMethod.POST, FeedPaths.STREAMS, Map.of()).expectStatus().isForbidden(),
                "'events' scope");
        asIdp.send(HttpMethod.GET, FeedPaths.STREAMS, null).expectStatus().isForbidden();
        asIdp.send(HttpMethod.GET, FeedPaths.STATUS + "?stream_id=00000000000040008000000000000001", null)
                .expectStatus().isForbidden();
        asIdp.send(HttpMethod.POST, FeedPaths.STREAMS + "/00000000000040008000000000000001" + FeedPaths.POLL_SUFFIX,
                Map.of()).expectStatus().isForbidden();
    }

    @Test
    void aTokenMayHoldBothScopes() {
        String tenant = newTenant("scopes");
        String token = ScimClient.body(http.post().uri("/admin/v1/tenants/{t}/tokens", tenant)
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "both", "scopes", java.util.List.of("events", "scim")))
                .exchange().expectStatus().isCreated()).get("token").stringValue();
        new ScimClient(http, tenant, token).createUser("both@example.com");
        new EventReceiver(http, tenant, token).createStream(ScimEvents.SUPPORTED.get(0));
    }

    /** Reads a SCIM error's detail. */
    static final class JsonBodyCheck {
        static void detail(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response, String part) {
            assertThat(ScimClient.body(response).get("detail").stringValue()).contains(part);
        }
    }
}
