package dev.scimgateway.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Tokens may expire ({@code expiresAt}) and may be read-only ({@code scopes: ["scim.read"]}). */
class TokenExpiryAndScopesTest extends GatewayTest {

    @Test
    void expiredTokenGets401SayingItExpired() throws InterruptedException {
        String tenant = newTenant("expiry");
        // The database keeps microseconds; a whole millisecond comes back as it went in.
        Instant expiresAt = Instant.now().plusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        JsonNode created = createToken(tenant, Map.of("name", "short-lived", "expiresAt", expiresAt.toString()));
        assertThat(Instant.parse(created.get("expiresAt").stringValue())).isEqualTo(expiresAt);
        ScimClient client = new ScimClient(http, tenant, created.get("token").stringValue());
        client.get("/Users").expectStatus().isOk();

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).plusMillis(100).toMillis()));

        client.get("/Users").expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("expired"));
        JsonNode listed = admin(http.get().uri("/admin/v1/tenants/{t}/tokens", tenant)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(listed.get(0).get("status").stringValue()).isEqualTo("expired");
        assertThat(listed.get(0).get("expiresAt").stringValue()).isEqualTo(expiresAt.toString());
    }

    @Test
    void expiryMustBeAFutureInstant() {
        String tenant = newTenant("expiry-bad");
        for (String bad : List.of("2020-01-01T00:00:00Z", "tomorrow", "2030-01-01")) {
            admin(http.post().uri("/admin/v1/tenants/{t}/tokens", tenant).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "t", "expiresAt", bad)))
                    .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.detail").isNotEmpty();
        }
    }

    @Test
    void readOnlyTokenReadsButDoesNotWrite() {
        String tenant = newTenant("read-only");
        JsonNode created = createToken(tenant, Map.of("name", "auditor", "scopes", List.of("scim.read")));
        assertThat(created.get("scopes").get(0).stringValue()).isEqualTo("scim.read");
        ScimClient client = new ScimClient(http, tenant, created.get("token").stringValue());
        client.get("/Users").expectStatus().isOk();
        client.post("/Users", Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "userName", "x"))
                .expectStatus().isForbidden().expectBody().jsonPath("$.detail").isNotEmpty();

        JsonNode full = createToken(tenant, Map.of("name", "okta"));
        assertThat(full.get("scopes").get(0).stringValue()).isEqualTo("scim");
        admin(http.post().uri("/admin/v1/tenants/{t}/tokens", tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "odd", "scopes", List.of("root"))))
                .exchange().expectStatus().isBadRequest();
    }

    private JsonNode createToken(String tenant, Map<String, Object> body) {
        return admin(http.post().uri("/admin/v1/tenants/{t}/tokens", tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)).exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
