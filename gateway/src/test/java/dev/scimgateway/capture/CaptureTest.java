package dev.scimgateway.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The opted-in tenant's traffic is written in the replay format, without secrets, with consistent pseudonyms. */
class CaptureTest extends GatewayTest {

    @Autowired
    CaptureFilter capture;

    @Test
    void writesReplayableLinesWithoutSecrets() throws Exception {
        http.post().uri("/admin/v1/tenants").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", CAPTURED_TENANT)).exchange()
                .expectStatus().isCreated();
        String token = newToken(CAPTURED_TENANT, "okta").get("token").stringValue();
        ScimClient okta = new ScimClient(http, CAPTURED_TENANT, token);
        okta.get("/Users?filter=userName%20eq%20%22Jane.Doe@example.com%22&startIndex=1&count=100").expectStatus().isOk();
        String id = ScimClient.body(okta.post("/Users", """
                {"userName":"Jane.Doe@example.com","password":"S3cret!","name":{"givenName":"Jane"},
                 "emails":[{"value":"jane.doe@example.com","primary":true}],"active":true}""").expectStatus().isCreated())
                .get("id").stringValue();
        okta.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":\"False\"}}]}")
                .expectStatus().isNoContent();
        // Another tenant is not captured.
        newScimClient("notcaptured").get("/Users").expectStatus().isOk();
        capture.flush();

        Path file = dataDir().resolve("capture").resolve(CAPTURED_TENANT + ".ndjson");
        List<String> text = Files.readAllLines(file);
        assertThat(String.join("\n", text)).doesNotContain(token).doesNotContain("S3cret!").doesNotContain("Jane")
                .doesNotContain("jane.doe");
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> lines = text.stream().map(json::readTree).toList();
        assertThat(lines).hasSize(3);
        JsonNode filter = lines.get(0);
        JsonNode create = lines.get(1);
        JsonNode patch = lines.get(2);
        assertThat(filter.get("t").asLong()).isZero();
        assertThat(create.get("method").stringValue()).isEqualTo("POST");
        assertThat(create.get("path").stringValue()).isEqualTo("/Users");
        assertThat(create.get("status").asInt()).isEqualTo(201);
        assertThat(create.get("id").stringValue()).isEqualTo(id);
        assertThat(create.get("auth").stringValue()).isEqualTo("bearer");
        assertThat(create.at("/body/password").isMissingNode()).isTrue();
        String pseudonym = create.at("/body/userName").stringValue();
        assertThat(pseudonym).endsWith("@pseudonym.invalid");
        // The filter looked for the same person: its pseudonym is the same.
        assertThat(java.net.URLDecoder.decode(filter.get("query").stringValue(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"" + pseudonym + "\"");
        assertThat(patch.get("path").stringValue()).isEqualTo("/Users/" + id);
        assertThat(patch.at("/body/Operations/0/value/active").stringValue()).isEqualTo("False");
        assertThat(create.get("headers").has("authorization")).isFalse();
    }
}
