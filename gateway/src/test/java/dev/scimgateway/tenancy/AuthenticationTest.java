package dev.scimgateway.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class AuthenticationTest extends GatewayTest {

    @Autowired
    LastUseTracker lastUse;

    @Test
    void bearerAndBareTokensBothAuthenticate() {
        String tenant = newTenant("auth");
        String token = newToken(tenant, "okta").get("token").stringValue();
        http.get().uri("/scim/v2/Users?startIndex=1&count=2").header("Authorization", "Bearer " + token)
                .exchange().expectStatus().isOk();
        // Okta's "header auth" sends the token with no scheme.
        http.get().uri("/scim/v2/Users?startIndex=1&count=2").header("Authorization", token)
                .exchange().expectStatus().isOk();
    }

    @Test
    void missingOrBadTokensGetScimErrors() {
        for (String header : new String[] {null, "Bearer ", "Bearer not-a-jwt", "Basic dXNlcjpwYXNz",
                "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"}) {
            var request = http.get().uri("/scim/v2/Users");
            if (header != null) {
                request = request.header("Authorization", header);
            }
            request.exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith("application/scim+json")
                    .expectHeader().exists("WWW-Authenticate")
                    .expectBody()
                    .jsonPath("$.schemas[0]").isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error")
                    .jsonPath("$.status").isEqualTo("401")
                    .jsonPath("$.detail").isNotEmpty();
        }
    }

    @Test
    void revokedTokenIsRefusedWithinOneSecond() throws InterruptedException {
        String tenant = newTenant("revoke");
        JsonNode created = newToken(tenant, "okta");
        String token = created.get("token").stringValue();
        http.get().uri("/scim/v2/Users").header("Authorization", "Bearer " + token).exchange().expectStatus().isOk();

        admin(http.delete().uri("/admin/v1/tenants/{t}/tokens/{id}", tenant, created.get("id").stringValue()))
                .exchange().expectStatus().isNoContent();
        Thread.sleep(1000);
        http.get().uri("/scim/v2/Users").header("Authorization", "Bearer " + token).exchange().expectStatus().isUnauthorized();

        JsonNode listed = admin(http.get().uri("/admin/v1/tenants/{t}/tokens", tenant)).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(listed.get(0).get("revokedAt").isNull()).isFalse();
        admin(http.delete().uri("/admin/v1/tenants/{t}/tokens/{id}", tenant, created.get("id").stringValue()))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void aTokenOnlyOpensItsOwnTenant() {
        String first = newTenant("own");
        String second = newTenant("other");
        String token = newToken(first, "okta").get("token").stringValue();
        // Revoking a token id under the wrong tenant must not touch it.
        admin(http.delete().uri("/admin/v1/tenants/{t}/tokens/{id}", second, newToken(first, "x").get("id").stringValue()))
                .exchange().expectStatus().isNotFound();
        http.get().uri("/scim/v2/Users").header("Authorization", "Bearer " + token).exchange().expectStatus().isOk();
    }

    @Test
    void lastUseIsRecordedWithoutAWritePerRequest() {
        String tenant = newTenant("lastuse");
        String token = newToken(tenant, "okta").get("token").stringValue();
        Instant before = Instant.now().minusSeconds(1);
        http.get().uri("/scim/v2/Users").header("Authorization", "Bearer " + token).exchange().expectStatus().isOk();
        lastUse.flush().block(Duration.ofSeconds(5));

        JsonNode listed = admin(http.get().uri("/admin/v1/tenants/{t}/tokens", tenant)).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        Instant lastUsed = Instant.parse(listed.get(0).get("lastUsedAt").stringValue());
        assertThat(lastUsed).isAfter(before).isBefore(Instant.now().plusSeconds(1));
    }

    /** Okta's "Test Connector Configuration", then a look at the tokens: the first use is there at once. */
    @Test
    void aTokensFirstUseShowsAtOnce() {
        String tenant = newTenant("firstuse");
        String token = newToken(tenant, "okta").get("token").stringValue();
        Instant before = Instant.now().minusSeconds(1);
        http.get().uri("/scim/v2/Users?count=1").header("Authorization", "Bearer " + token).exchange().expectStatus().isOk();

        JsonNode listed = admin(http.get().uri("/admin/v1/tenants/{t}/tokens", tenant)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode lastUsedAt = listed.get(0).get("lastUsedAt");
        assertThat(lastUsedAt.isNull()).as("lastUsedAt right after the first request").isFalse();
        assertThat(Instant.parse(lastUsedAt.stringValue())).isAfter(before).isBefore(Instant.now().plusSeconds(1));
    }
}
