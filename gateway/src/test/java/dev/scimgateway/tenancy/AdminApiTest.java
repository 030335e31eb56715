package dev.scimgateway.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class AdminApiTest extends GatewayTest {

    @Test
    void createsAndListsTenants() {
        String id = newTenant("acme");
        JsonNode tenants = admin(http.get().uri("/admin/v1/tenants")).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(tenants.isArray()).isTrue();
        assertThat(tenants.valueStream().map(t -> t.get("id").stringValue())).contains(id);
    }

    @Test
    void rejectsDuplicateAndMalformedTenantIds() {
        String id = newTenant("dup");
        admin(http.post().uri("/admin/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "displayName", "again")))
                .exchange().expectStatus().isEqualTo(409);
        for (String bad : new String[] {"Acme", "-acme", "acme_corp", "a".repeat(64), ""}) {
            admin(http.post().uri("/admin/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("id", bad, "displayName", "x")))
                    .exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.detail").isNotEmpty();
        }
    }

    @Test
    void tokensAreShownOnceAndListedWithoutSecrets() {
        String tenant = newTenant("tokens");
        JsonNode created = newToken(tenant, "okta-prod");
        assertThat(created.get("name").stringValue()).isEqualTo("okta-prod");
        assertThat(created.get("token").stringValue()).isNotBlank();
        assertThat(created.get("lastUsedAt").isNull()).isTrue();

        JsonNode listed = admin(http.get().uri("/admin/v1/tenants/{t}/tokens", tenant)).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(listed).hasSize(1);
        JsonNode token = listed.get(0);
        assertThat(token.propertyNames()).containsExactlyInAnyOrder("id", "name", "scopes", "createdAt", "lastUsedAt",
                "expiresAt", "revokedAt", "status");
        assertThat(token.toString()).doesNotContain(created.get("token").stringValue());
    }

    @Test
    void tokenOfUnknownTenantIs404() {
        admin(http.post().uri("/admin/v1/tenants/nope-{x}/tokens", System.nanoTime()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "x")))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void adminApiNeedsTheAdminToken() {
        http.get().uri("/admin/v1/tenants").exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.status").isEqualTo("401");
        http.get().uri("/admin/v1/tenants").header("Authorization", "Bearer wrong").exchange()
                .expectStatus().isUnauthorized();
        // A tenant token is not an admin token.
        String tenantToken = newToken(newTenant("notadmin"), "idp").get("token").stringValue();
        http.get().uri("/admin/v1/tenants").header("Authorization", "Bearer " + tenantToken).exchange()
                .expectStatus().isUnauthorized();
    }
}
