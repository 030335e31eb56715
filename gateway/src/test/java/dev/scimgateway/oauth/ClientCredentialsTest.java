package dev.scimgateway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWKSet;
import dev.scimgateway.support.ScimClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Entra ID's gallery apps with client credentials: the client's id and secret buy a short-lived
 * access token of its tenant, which provisions; deleting the client ends it. And the metadata a
 * client reads first (RFC 8414) names every endpoint and the keys that verify the tokens.
 */
class ClientCredentialsTest extends OAuthTestSupport {

    @Test
    void anEntraLikeClientProvisionsWithClientCredentialsUntilItIsDeleted() throws Exception {
        String tenant = newTenant("entra-cc");
        JsonNode registered = register(tenant, """
                {"name":"Entra ID","grantTypes":["client_credentials"]}""");
        assertThat(registered.get("redirectUris")).isEmpty();
        OAuthIdp entra = client(registered);

        JsonNode tokens = OAuthIdp.tokens(entra.tokenByPost("grant_type", "client_credentials", "scope", "scim"));
        assertThat(tokens.has("refresh_token")).isFalse();
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(3600);
        String accessToken = tokens.get("access_token").stringValue();
        JWSObject jws = JWSObject.parse(accessToken);
        assertThat(jws.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo("ES256");

        ScimClient scim = new ScimClient(http, tenant, accessToken);
        String userId = scim.createUser("entra-user@example.com");
        assertThat(ScimClient.body(scim.get("/Users/" + userId).expectStatus().isOk()).get("userName").stringValue())
                .isEqualTo("entra-user@example.com");
        JsonNode grant = null;
        for (JsonNode token : tokens(tenant)) {
            if (token.has("oauthClientId") && token.get("oauthClientId").stringValue().equals(entra.clientId())) {
                grant = token;
            }
        }
        assertThat(grant).as("the client's grant in the token list").isNotNull();
        assertThat(grant.get("name").stringValue()).isEqualTo("Entra ID");
        assertThat(grant.get("lastUsedAt").isNull()).isFalse();

        // Basic authentication gives a token of the same grant; both work.
        String second = OAuthIdp.tokens(entra.token("grant_type", "client_credentials")).get("access_token").stringValue();
        new ScimClient(http, tenant, second).get("/Users").expectStatus().isOk();

        // A code-grant request from a client_credentials client is not its to make.
        OAuthIdp.refused(entra.token("grant_type", "authorization_code", "code", "sgac_x.y", "redirect_uri",
                "https://a.example/cb"), 400, "unauthorized_client");

        http.delete().uri("/admin/v1/tenants/{t}/oauth-clients/{c}", tenant, entra.clientId())
                .header("Authorization", "Bearer " + ADMIN_TOKEN).exchange().expectStatus().isNoContent();
        awaitUnauthorized(scim);
        OAuthIdp.refused(entra.token("grant_type", "client_credentials"), 401, "invalid_client");
    }

    @Test
    void aTenantAdminManagesItsOwnClientsAndOnlyTheOperatorDeploymentWideOnes() {
        String tenant = newTenant("cc-admin");
        String key = newAdminKey(tenant, "admin").get("key").stringValue();
        http.post().uri("/admin/v1/tenants/{t}/oauth-clients", tenant).header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"own\",\"grantTypes\":[\"client_credentials\"]}")
                .exchange().expectStatus().isCreated();
        http.post().uri("/admin/v1/oauth-clients").header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"shared\",\"oktaApp\":\"x\"}")
                .exchange().expectStatus().isForbidden();
        JsonNode shared = http.post().uri("/admin/v1/oauth-clients").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"shared\",\"oktaApp\":\"x\"}")
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(shared.get("tenantId").isNull()).isTrue();
        // A deployment-wide client has no tenant for client_credentials to name.
        http.post().uri("/admin/v1/oauth-clients").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"cc\",\"grantTypes\":[\"client_credentials\"]}")
                .exchange().expectStatus().isBadRequest();
        for (String bad : new String[] {"{\"name\":\"\"}", "{\"name\":\"x\",\"redirectUris\":[\"http://evil.example/cb\"]}",
                "{\"name\":\"x\",\"redirectUris\":[\"https://a.example/cb#f\"]}", "{\"name\":\"x\",\"grantTypes\":[\"password\"]}",
                "{\"name\":\"x\",\"oktaApp\":\"a/b\"}", "{\"name\":\"x\",\"redirectUris\":\"https://a.example\"}",
                "{\"name\":\"x\"}", "[]"}) {
            http.post().uri("/admin/v1/tenants/{t}/oauth-clients", tenant).header("Authorization", "Bearer " + key)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(bad).exchange().expectStatus().isBadRequest();
        }
        http.delete().uri("/admin/v1/tenants/{t}/oauth-clients/{c}", tenant, shared.get("clientId").stringValue())
                .header("Authorization", "Bearer " + ADMIN_TOKEN).exchange().expectStatus().isNotFound();
    }

    @Test
    void theMetadataNamesEveryEndpointAndTheKeysVerifyTheTokens() throws Exception {
        JsonNode metadata = http.get().uri("/.well-known/oauth-authorization-server").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        String issuer = metadata.get("issuer").stringValue();
        assertThat(metadata.get("authorization_endpoint").stringValue()).isEqualTo(issuer + "/console/oauth/authorize");
        assertThat(metadata.get("token_endpoint").stringValue()).isEqualTo(issuer + "/oauth2/token");
        assertThat(metadata.get("revocation_endpoint").stringValue()).isEqualTo(issuer + "/oauth2/revoke");
        assertThat(metadata.get("grant_types_supported").toString())
                .contains("authorization_code", "refresh_token", "client_credentials");
        assertThat(metadata.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(metadata.get("authorization_response_iss_parameter_supported").booleanValue()).isTrue();
        assertThat(metadata.get("token_endpoint_auth_methods_supported").toString())
                .contains("client_secret_basic", "client_secret_post");

        String tenant = newTenant("jwks");
        OAuthIdp idp = client(register(tenant, "{\"name\":\"keys\",\"grantTypes\":[\"client_credentials\"]}"));
        JWSObject token = JWSObject.parse(OAuthIdp.tokens(idp.token("grant_type", "client_credentials"))
                .get("access_token").stringValue());
        String jwksPath = metadata.get("jwks_uri").stringValue().substring(issuer.length());
        JWKSet keys = JWKSet.parse(http.get().uri(jwksPath).exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
        var key = keys.getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(token.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(key.toECKey()))).isTrue();
    }

    /** A deletion made here is at once in force on this replica, and within the refresh interval on others. */
    private static void awaitUnauthorized(ScimClient scim) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(2));
        while (scim.get("/Users").returnResult(String.class).getStatus().value() != 401) {
            assertThat(Instant.now()).as("revocation within a second or two").isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
