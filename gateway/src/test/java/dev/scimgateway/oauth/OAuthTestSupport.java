package dev.scimgateway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.console.ConsoleVisitor;
import dev.scimgateway.support.GatewayTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;

/** What the authorization server's tests share: a client registered, and an admin signed in to the console. */
abstract class OAuthTestSupport extends GatewayTest {

    static final String CALLBACK = "https://idp.example.test/oauth/callback";

    @LocalServerPort
    int port;

    /** Registers a client of the tenant through the admin API, as the operator. */
    JsonNode register(String tenantId, String body) {
        return http.post().uri("/admin/v1/tenants/{t}/oauth-clients", tenantId)
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    OAuthIdp client(JsonNode registered) {
        return new OAuthIdp(http, registered.get("clientId").stringValue(), registered.get("clientSecret").stringValue());
    }

    /** A code-grant client of the tenant with one callback. */
    OAuthIdp codeClient(String tenantId, String name) {
        return client(register(tenantId, """
                {"name":"%s","redirectUris":["%s"],"grantTypes":["authorization_code","refresh_token"]}"""
                .formatted(name, CALLBACK)));
    }

    /** A browser signed in to the console with a new admin key of the tenant. */
    ConsoleVisitor signedIn(String tenantId, String fromAddress) {
        ConsoleVisitor browser = new ConsoleVisitor(port, fromAddress);
        EntityExchangeResult<String> signIn = browser.signIn(newAdminKey(tenantId, "admin-" + fromAddress).get("key")
                .stringValue());
        assertThat(signIn.getStatus().value()).isEqualTo(303);
        return browser;
    }

    /** The tenant's token list as the admin API gives it. */
    JsonNode tokens(String tenantId) {
        return http.get().uri("/admin/v1/tenants/{t}/tokens", tenantId)
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
