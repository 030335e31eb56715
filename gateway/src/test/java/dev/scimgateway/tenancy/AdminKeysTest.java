package dev.scimgateway.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Tenant admin keys: issued by the operator, shown once, good for their own tenant only, revoked at once. */
class AdminKeysTest extends GatewayTest {

    @Test
    void keyIsShownOnceAndListedWithoutItsSecret() {
        String tenant = newTenant("keys");
        JsonNode issued = newAdminKey(tenant, "alice");
        assertThat(issued.propertyNames()).containsExactlyInAnyOrder("id", "name", "key", "createdAt", "revokedAt");
        assertThat(issued.get("name").stringValue()).isEqualTo("alice");
        String key = issued.get("key").stringValue();
        assertThat(key).startsWith(AdminKeys.PREFIX).hasSizeGreaterThan(40);

        String listed = admin(http.get().uri("/admin/v1/tenants/{t}/admin-keys", tenant)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).contains("alice").contains(issued.get("id").stringValue())
                .doesNotContain(key).doesNotContain(key.substring(AdminKeys.PREFIX.length()));
    }

    @Test
    void tenantAdminKeyWorksForItsOwnTenantOnly() {
        String own = newTenant("own");
        String other = newTenant("other");
        String key = newAdminKey(own, "alice").get("key").stringValue();

        // Its own tenant: tokens, schemas, and reading the limits.
        as(key, http.post().uri("/admin/v1/tenants/{t}/tokens", own).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "okta"))).exchange().expectStatus().isCreated();
        as(key, http.get().uri("/admin/v1/tenants/{t}/tokens", own)).exchange().expectStatus().isOk();
        as(key, http.get().uri("/admin/v1/tenants/{t}/schemas", own)).exchange().expectStatus().isOk();
        as(key, http.get().uri("/admin/v1/tenants/{t}/limits", own)).exchange().expectStatus().isOk();

        // Everything else: 403 with a detail.
        as(key, http.get().uri("/admin/v1/tenants/{t}/tokens", other)).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isNotEmpty();
        as(key, http.get().uri("/admin/v1/tenants")).exchange().expectStatus().isForbidden();
        as(key, http.post().uri("/admin/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", "x-" + System.nanoTime()))).exchange().expectStatus().isForbidden();
        as(key, http.put().uri("/admin/v1/tenants/{t}/limits", own).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("read", Map.of("perSecond", 1, "burst", 1)))).exchange().expectStatus().isForbidden();
        as(key, http.post().uri("/admin/v1/tenants/{t}/admin-keys", own).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "mallory"))).exchange().expectStatus().isForbidden();
        as(key, http.get().uri("/admin/v1/tenants/{t}/admin-keys", own)).exchange().expectStatus().isForbidden();
        // The operator's token still opens everything.
        admin(http.get().uri("/admin/v1/tenants/{t}/tokens", other)).exchange().expectStatus().isOk();
    }

    @Test
    void revokedKeyIsRefusedAtOnce() {
        String tenant = newTenant("revoke-key");
        JsonNode issued = newAdminKey(tenant, "bob");
        String key = issued.get("key").stringValue();
        as(key, http.get().uri("/admin/v1/tenants/{t}/tokens", tenant)).exchange().expectStatus().isOk();

        admin(http.delete().uri("/admin/v1/tenants/{t}/admin-keys/{id}", tenant, issued.get("id").stringValue()))
                .exchange().expectStatus().isNoContent();

        // No wait at all: the key is checked against the database on every use.
        as(key, http.get().uri("/admin/v1/tenants/{t}/tokens", tenant)).exchange().expectStatus().isUnauthorized();
        admin(http.delete().uri("/admin/v1/tenants/{t}/admin-keys/{id}", tenant, issued.get("id").stringValue()))
                .exchange().expectStatus().isNotFound();
        JsonNode listed = admin(http.get().uri("/admin/v1/tenants/{t}/admin-keys", tenant)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(listed.get(0).get("revokedAt").isNull()).isFalse();
    }

    @Test
    void badRequestsGetClearErrors() {
        String tenant = newTenant("bad-key");
        admin(http.post().uri("/admin/v1/tenants/{t}/admin-keys", tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of())).exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.detail").isNotEmpty();
        admin(http.post().uri("/admin/v1/tenants/nope-{x}/admin-keys", System.nanoTime()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "x"))).exchange().expectStatus().isNotFound();
        newAdminKey(tenant, "carol");
        admin(http.post().uri("/admin/v1/tenants/{t}/admin-keys", tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "carol"))).exchange().expectStatus().isEqualTo(409);
        admin(http.delete().uri("/admin/v1/tenants/{t}/admin-keys/not-a-uuid", tenant)).exchange().expectStatus().isNotFound();
        as("sgak_not-a-key", http.get().uri("/admin/v1/tenants/{t}/tokens", tenant)).exchange().expectStatus().isUnauthorized();
    }

    private static WebTestClient.RequestHeadersSpec<?> as(String key, WebTestClient.RequestHeadersSpec<?> spec) {
        return spec.header("Authorization", "Bearer " + key);
    }
}
