package dev.scimgateway.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.storage.Database;
import dev.scimgateway.support.EmbeddedDatabases;
import dev.scimgateway.support.OwnGatewayProcess;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A token used just before a graceful stop (SIGTERM, as Kubernetes sends) has that use written:
 * the gateway runs as its own process here, because what raced the last flush was another JVM
 * shutdown hook, which only a real SIGTERM runs.
 */
@Tag("own-gateway")
class LastUseOnShutdownTest {

    @Test
    void lastUseBeforeSigtermIsWritten() throws Exception {
        Path data = Path.of("target", "test-data", "last-use-" + UUID.randomUUID()).toAbsolutePath();
        // The flush interval is an hour, so only the flush on shutdown can write the use.
        var gateway = OwnGatewayProcess.launch(data, data.resolve("gateway.log"),
                "--scim-gateway.tokens.last-used-flush-interval=1h");
        String tokenId;
        Instant usedAfter;
        try {
            WebTestClient http = gateway.http();
            admin(http.post().uri("/admin/v1/tenants")).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("id", "last-use")).exchange().expectStatus().isCreated();
            JsonNode token = admin(http.post().uri("/admin/v1/tenants/last-use/tokens"))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "okta")).exchange()
                    .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
            tokenId = token.get("id").stringValue();
            usedAfter = Instant.now().minusSeconds(1);
            http.get().uri("/scim/v2/Users").header("Authorization", "Bearer " + token.get("token").stringValue())
                    .exchange().expectStatus().isOk();
            Thread.sleep(1000);
            assertThat(gateway.stopGracefully(Duration.ofSeconds(60))).as("stopped gracefully; log:\n%s", gateway.log())
                    .isTrue();
        } finally {
            gateway.close();
        }

        assertThat(lastUsedAt(data, tokenId)).as("last use written on shutdown; log:\n%s", gateway.log())
                .isAfter(usedAfter);
        assertThat(gateway.log()).doesNotContain("Could not write the last use");
    }

    private static WebTestClient.RequestBodySpec admin(WebTestClient.RequestBodySpec spec) {
        return spec.header("Authorization", "Bearer " + OwnGatewayProcess.ADMIN_TOKEN);
    }

    /** Reads the row with the gateway gone, from the same data directory. */
    private static Instant lastUsedAt(Path data, String tokenId) throws Exception {
        try (Database database = EmbeddedDatabases.reopen(data);
                var connection = EmbeddedDatabases.connect(database, data, "postgres");
                var query = connection.prepareStatement("SELECT last_used_at FROM tenant_token WHERE id = ?")) {
            query.setObject(1, UUID.fromString(tokenId));
            try (var row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                Timestamp at = row.getTimestamp(1);
                assertThat(at).as("last_used_at").isNotNull();
                return at.toInstant();
            }
        }
    }
}
