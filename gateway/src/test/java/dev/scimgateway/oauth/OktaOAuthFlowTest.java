package dev.scimgateway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.console.ConsoleVisitor;
import dev.scimgateway.support.ScimClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;

/**
 * Okta's OAuth 2 mode, walked as Okta walks it: the admin of a tenant signs in at the authorize
 * step and approves; Okta exchanges the code (with PKCE), provisions with the access token,
 * refreshes, uses the new token, and finally the grant is revoked and its tokens stop working.
 */
class OktaOAuthFlowTest extends OAuthTestSupport {

    private static final String OKTA_CALLBACK = "https://system-admin.okta.com/admin/app/cpc/scimgw/oauth/callback";

    @Test
    void anAdminAuthorizesOktaWhichProvisionsRefreshesAndIsRevoked() {
        String tenant = newTenant("okta-oauth");
        JsonNode registered = register(tenant, """
                {"name":"Okta","oktaApp":"scimgw","grantTypes":["authorization_code","refresh_token"]}""");
        assertThat(registered.get("clientSecret").stringValue()).startsWith("sgcs_");
        List<String> uris = new ArrayList<>();
        registered.get("redirectUris").forEach(uri -> uris.add(uri.stringValue()));
        assertThat(uris).containsExactly(OKTA_CALLBACK,
                "https://system-admin.okta-emea.com/admin/app/cpc/scimgw/oauth/callback",
                "https://system-admin.oktapreview.com/admin/app/cpc/scimgw/oauth/callback",
                "https://system-admin.trexcloud.com/admin/app/cpc/scimgw/oauth/callback");
        OAuthIdp okta = client(registered);
        JsonNode listed = http.get().uri("/admin/v1/tenants/{t}/oauth-clients", tenant)
                .header("Authorization", "Bearer " + ADMIN_TOKEN).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(listed.toString()).contains(okta.clientId()).doesNotContain(okta.clientSecret()).doesNotContain("secret");

        // 1. The admin's browser arrives without a session: sign in, and come back to the authorization.
        String verifier = OAuthIdp.verifier();
        OAuthIdp.Ask ask = new OAuthIdp.Ask(OKTA_CALLBACK, "okta-state-1", OAuthIdp.challenge(verifier), "scim offline_access");
        ConsoleVisitor browser = new ConsoleVisitor(port, "127.0.0.21");
        EntityExchangeResult<String> toSignIn = okta.open(browser, ask);
        assertThat(toSignIn.getStatus().value()).isEqualTo(303);
        EntityExchangeResult<String> signInPage = browser.follow(toSignIn.getResponseHeaders().getLocation().toString());
        assertThat(signInPage.getStatus().value()).isEqualTo(200);
        String back = OAuthIdp.hidden(signInPage.getResponseBody(), "continue");
        assertThat(back).isEqualTo(ask.query(okta.clientId()));
        EntityExchangeResult<String> signedIn = browser.post("/console/sign-in", "key",
                newAdminKey(tenant, "alice").get("key").stringValue(), "continue", back);
        assertThat(signedIn.getResponseHeaders().getLocation()).hasToString(back);

        // The consent names the client and the tenant, and lets its answer go to Okta.
        EntityExchangeResult<String> consent = browser.follow(back);
        assertThat(consent.getStatus().value()).isEqualTo(200);
        assertThat(consent.getResponseBody()).contains("id=\"consent-client\">Okta<").contains(tenant)
                .contains(OKTA_CALLBACK);
        assertThat(consent.getResponseHeaders().getFirst("Content-Security-Policy"))
                .contains("form-action 'self' https://system-admin.okta.com;");
        URI callback = OAuthIdp.approve(browser, consent, "approve");
        assertThat(callback.toString()).startsWith(OKTA_CALLBACK + "?");
        String code = OAuthIdp.query(callback).get("code");
        assertThat(OAuthIdp.query(callback)).containsEntry("state", "okta-state-1");

        // 2. Code, then token.
        JsonNode tokens = okta.exchange(code, OKTA_CALLBACK, verifier);
        assertThat(tokens.get("token_type").stringValue()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(tokens.get("scope").stringValue()).contains("scim");
        String accessToken = tokens.get("access_token").stringValue();
        String refreshToken = tokens.get("refresh_token").stringValue();

        // 3. SCIM calls with the access token; the activity log names the client.
        ScimClient scim = new ScimClient(http, tenant, accessToken);
        String userId = scim.createUser("okta-user@example.com");
        scim.get("/Users/" + userId).expectStatus().isOk();
        JsonNode grant = grantOf(tenant, "Okta");
        assertThat(grant.get("oauthClientId").stringValue()).isEqualTo(okta.clientId());
        assertThat(grant.get("lastUsedAt").isNull()).isFalse();
        assertThat(grant.get("scopes").toString()).contains("scim");
        JsonNode activity = http.get().uri("/admin/v1/tenants/{t}/activity?kind=change", tenant)
                .header("Authorization", "Bearer " + ADMIN_TOKEN).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode created = activity.get("activity").get(0);
        assertThat(created.get("tokenName").stringValue()).isEqualTo("Okta");
        assertThat(created.get("tokenId").stringValue()).isEqualTo(grant.get("id").stringValue());

        // 4. Refresh: a new pair; the new access token works.
        JsonNode refreshed = okta.refresh(refreshToken);
        String newAccess = refreshed.get("access_token").stringValue();
        String newRefresh = refreshed.get("refresh_token").stringValue();
        assertThat(newAccess).isNotEqualTo(accessToken);
        assertThat(newRefresh).isNotEqualTo(refreshToken);
        new ScimClient(http, tenant, newAccess).get("/Users/" + userId).expectStatus().isOk();

        // 5. Revoke (RFC 7009), then 401 with either access token, and the refresh token is dead too.
        okta.revoke(newRefresh).expectStatus().isOk();
        new ScimClient(http, tenant, newAccess).get("/Users/" + userId).expectStatus().isUnauthorized();
        scim.get("/Users/" + userId).expectStatus().isUnauthorized();
        OAuthIdp.refused(okta.token("grant_type", "refresh_token", "refresh_token", newRefresh), 400, "invalid_grant");
        assertThat(grantOf(tenant, "Okta").get("status").stringValue()).isEqualTo("revoked");
    }

    @Test
    void theConsoleListsTheGrantAndRevokesIt() {
        String tenant = newTenant("okta-console");
        OAuthIdp okta = codeClient(tenant, "Okta console");
        ConsoleVisitor browser = signedIn(tenant, "127.0.0.22");
        String verifier = OAuthIdp.verifier();
        String code = okta.authorize(browser, new OAuthIdp.Ask(CALLBACK, "s", OAuthIdp.challenge(verifier), null));
        String accessToken = okta.exchange(code, CALLBACK, verifier).get("access_token").stringValue();
        ScimClient scim = new ScimClient(http, tenant, accessToken);
        scim.get("/Users").expectStatus().isOk();

        String page = browser.get("/console/tenants/" + tenant + "/tokens").getResponseBody();
        assertThat(page).contains("Okta console").contains("OAuth client");
        String grantId = grantOf(tenant, "Okta console").get("id").stringValue();
        String revoke = "/console/tenants/" + tenant + "/tokens/" + grantId + "/revoke";
        assertThat(browser.get(revoke).getResponseBody()).contains("Okta console");
        assertThat(browser.post(revoke).getStatus().value()).isEqualTo(303);
        scim.get("/Users").expectStatus().isUnauthorized();
    }

    @Test
    void anAdminRegistersAndDeletesAClientInTheConsole() {
        String tenant = newTenant("console-clients");
        ConsoleVisitor browser = signedIn(tenant, "127.0.0.23");
        String page = "/console/tenants/" + tenant + "/oauth-clients";
        assertThat(browser.get(page).getResponseBody()).contains("No OAuth client yet");
        assertThat(browser.post(page, "name", "Okta", "grant", "code", "oktaApp", "bad/app", "redirectUris", "")
                .getStatus().value()).isEqualTo(400);
        EntityExchangeResult<String> created = browser.post(page, "name", "Okta", "grant", "code", "oktaApp", "scimgw",
                "redirectUris", CALLBACK);
        assertThat(created.getStatus().value()).isEqualTo(201);
        assertThat(created.getResponseBody()).contains("sgcs_").contains("/console/oauth/authorize")
                .contains("/oauth2/token");
        JsonNode listed = http.get().uri("/admin/v1/tenants/{t}/oauth-clients", tenant)
                .header("Authorization", "Bearer " + ADMIN_TOKEN).exchange().expectBody(JsonNode.class).returnResult()
                .getResponseBody();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("redirectUris")).hasSize(5);
        String clientId = listed.get(0).get("clientId").stringValue();
        assertThat(browser.get(page).getResponseBody()).contains(clientId).doesNotContain("sgcs_");
        assertThat(browser.post(page + "/" + clientId + "/delete").getStatus().value()).isEqualTo(303);
        assertThat(browser.get(page).getResponseBody()).doesNotContain(clientId);
    }

    private JsonNode grantOf(String tenant, String name) {
        for (JsonNode token : tokens(tenant)) {
            if (token.get("name").stringValue().equals(name) && token.has("oauthClientId")) {
                return token;
            }
        }
        throw new AssertionError("No grant named " + name + " in " + tokens(tenant));
    }
}
