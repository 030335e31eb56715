package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.ScimGatewayApplication;
import dev.scimgateway.support.ScimClient;
import dev.scimgateway.support.TestClients;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A list without {@code count} gets 100 resources; a larger count than the configured maximum is
 * clamped to it (RFC 7644 §3.4.2.4), except with cursors, where it is refused. Its own gateway,
 * because the maximum is configured lower than the shared one's to keep the data small.
 */
@Tag("own-gateway")
class ListCountTest {

    private static final String ADMIN = "list-count-admin-" + UUID.randomUUID();
    private static final int MAX = 150;
    private static final int USERS = 160;

    @Test
    void defaultCountIs100AndLargerCountsAreClampedToTheMaximum() {
        Path data = Path.of("target", "test-data", "list-count-" + UUID.randomUUID());
        try (var app = new SpringApplicationBuilder(ScimGatewayApplication.class).properties("server.port=0",
                        "scim-gateway.data-dir=" + data, "scim-gateway.admin-token=" + ADMIN,
                        "scim-gateway.scim.max-count=" + MAX)
                .run()) {
            WebTestClient http = TestClients.patient(((WebServerApplicationContext) app).getWebServer().getPort());
            ScimClient c = client(http);
            c.post("/Bulk", bulkOfUsers()).expectStatus().isOk();

            JsonNode byDefault = body(c.get("/Users").expectStatus().isOk());
            assertThat(byDefault.get("totalResults").asInt()).isEqualTo(USERS);
            assertThat(byDefault.get("itemsPerPage").asInt()).isEqualTo(100);
            assertThat(byDefault.get("Resources").size()).isEqualTo(100);

            JsonNode clamped = body(c.get("/Users?count=100000").expectStatus().isOk());
            assertThat(clamped.get("itemsPerPage").asInt()).isEqualTo(MAX);
            assertThat(clamped.get("Resources").size()).isEqualTo(MAX);

            c.get("/Users?count=100000&cursor=").expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.scimType").isEqualTo("invalidCount");
        }
    }

    private static ScimClient client(WebTestClient http) {
        http.post().uri("/admin/v1/tenants").header("Authorization", "Bearer " + ADMIN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", "counts")).exchange()
                .expectStatus().isCreated();
        String token = http.post().uri("/admin/v1/tenants/counts/tokens").header("Authorization", "Bearer " + ADMIN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "t")).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("token").stringValue();
        return new ScimClient(http, "counts", token);
    }

    private static String bulkOfUsers() {
        String operations = IntStream.range(0, USERS).mapToObj(i -> """
                {"method":"POST","path":"/Users","bulkId":"u%d","data":{"userName":"count%03d@example.com"}}"""
                .formatted(i, i)).collect(Collectors.joining(","));
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[" + operations + "]}";
    }
}
