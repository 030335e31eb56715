package dev.scimgateway.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.storage.Database;
import dev.scimgateway.support.OwnGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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

    private static final String ADMIN = "last-use-admin-" + UUID.randomUUID();

    @Test
    void lastUseBeforeSigtermIsWritten() throws Exception {
        Path data = Path.of("target", "test-data", "last-use-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(data);
        Path log = data.resolve("gateway.log");
        // The flush interval is an hour, so only the flush on shutdown can write the use.
        OwnGateway.Child child = OwnGateway.Child.start(log, "--scim-gateway.data-dir=" + data,
                "--scim-gateway.admin-token=" + ADMIN, "--scim-gateway.tokens.last-used-flush-interval=1h");
        Process gateway = child.process();
        String tokenId;
        Instant usedAfter;
        try {
            WebTestClient http = child.awaitReady(Duration.ofSeconds(90));
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
        } finally {
            gateway.destroy(); // SIGTERM
        }
        assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).as("stopped gracefully; log in %s", log).isTrue();

        assertThat(lastUsedAt(data, tokenId)).as("last use written on shutdown; log in %s", log).isAfter(usedAfter);
        assertThat(Files.readString(log)).doesNotContain("Could not write the last use");
    }

    private static WebTestClient.RequestBodySpec admin(WebTestClient.RequestBodySpec spec) {
        return spec.header("Authorization", "Bearer " + ADMIN);
    }

    /** Reads the row with the gateway gone, from the same data directory. */
    private static Instant lastUsedAt(Path data, String tokenId) throws Exception {
        try (Database database = Database.open(null, null, null, data)) {
            String jdbc = database.r2dbcUrl().replace("r2dbc:", "jdbc:");
            try (var connection = DriverManager.getConnection(jdbc, "postgres", "");
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
}
