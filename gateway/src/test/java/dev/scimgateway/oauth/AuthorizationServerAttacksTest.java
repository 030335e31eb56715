package dev.scimgateway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.console.ConsoleVisitor;
import dev.scimgateway.storage.Database;
import dev.scimgateway.support.EmbeddedDatabases;
import dev.scimgateway.support.ScimClient;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * What an attacker tries against the authorization server, each refused with the error RFC 6749
 * (§4.1.2.1, §5.2), RFC 7636 or RFC 9700 names, and with nothing in the answer that helps: no
 * token, no code, no secret, no redirect to a URI the client did not register.
 */
class AuthorizationServerAttacksTest extends OAuthTestSupport {

    @Autowired
    private Database database;

    @Test
    void aReusedCodeIsRefusedAndRevokesWhatItsFirstUseGave() {
        Authorized first = authorized("reuse-code", "127.0.0.31");
        ScimClient scim = new ScimClient(http, first.tenant, first.exchange().get("access_token").stringValue());
        scim.get("/Users").expectStatus().isOk();

        String detail = OAuthIdp.refused(first.idp.token("grant_type", "authorization_code", "code", first.code,
                "redirect_uri", CALLBACK, "code_verifier", first.verifier), 400, "invalid_grant");
        assertThat(detail).contains("used before");
        scim.get("/Users").expectStatus().isUnauthorized();
    }

    @Test
    void aRedirectUriNotRegisteredIsNeverRedirectedTo() {
        String tenant = newTenant("redirect");
        OAuthIdp idp = codeClient(tenant, "Redirects");
        ConsoleVisitor browser = signedIn(tenant, "127.0.0.32");
        for (String uri : new String[] {"https://evil.example/cb", CALLBACK + "/more", CALLBACK + "?x=1",
                CALLBACK.toUpperCase()}) {
            EntityExchangeResult<String> page = idp.open(browser, new OAuthIdp.Ask(uri, "s", null, null));
            assertThat(page.getStatus().value()).as(uri).isEqualTo(400);
            assertThat(page.getResponseHeaders().getLocation()).as(uri).isNull();
            assertThat(page.getResponseBody()).contains("redirect URI").doesNotContain("sgac_");
        }
        // At the token endpoint: the code's redirect URI, exactly, or invalid_grant.
        String verifier = OAuthIdp.verifier();
        String code = idp.authorize(browser, new OAuthIdp.Ask(CALLBACK, "s", OAuthIdp.challenge(verifier), null));
        OAuthIdp.refused(idp.token("grant_type", "authorization_code", "code", code, "redirect_uri",
                "https://evil.example/cb", "code_verifier", verifier), 400, "invalid_grant");
    }

    @Test
    void aWrongPkceVerifierIsRefusedAndSpendsTheCode() {
        Authorized authorized = authorized("pkce", "127.0.0.33");
        OAuthIdp.refused(authorized.idp.token("grant_type", "authorization_code", "code", authorized.code,
                "redirect_uri", CALLBACK, "code_verifier", OAuthIdp.verifier()), 400, "invalid_grant");
        OAuthIdp.refused(authorized.idp.token("grant_type", "authorization_code", "code", authorized.code,
                "redirect_uri", CALLBACK), 400, "invalid_grant");
        // The right verifier comes too late: the code was spent by the wrong one.
        OAuthIdp.refused(authorized.idp.token("grant_type", "authorization_code", "code", authorized.code,
                "redirect_uri", CALLBACK, "code_verifier", authorized.verifier), 400, "invalid_grant");
    }

    @Test
    void plainPkceIsNotOffered() {
        String tenant = newTenant("pkce-plain");
        OAuthIdp idp = codeClient(tenant, "Plain");
        ConsoleVisitor browser = signedIn(tenant, "127.0.0.34");
        String query = new OAuthIdp.Ask(CALLBACK, "s", null, null).query(idp.clientId())
                + "&code_challenge=abcdefghijabcdefghijabcdefghijabcdefghij123&code_challenge_method=plain";
        EntityExchangeResult<String> answer = browser.follow(query);
        assertThat(answer.getStatus().value()).isEqualTo(303);
        assertThat(OAuthIdp.query(answer.getResponseHeaders().getLocation())).containsEntry("error", "invalid_request")
                .containsEntry("state", "s").doesNotContainKey("code");
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        Authorized authorized = authorized("expired", "127.0.0.35");
        try (Connection connection = EmbeddedDatabases.connect(database, dataDir(), "postgres");
                PreparedStatement expire = connection.prepareStatement(
                        "UPDATE oauth_code SET expires_at = now() - interval '1 second' WHERE tenant_id = ?")) {
            expire.setString(1, authorized.tenant);
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }
        String detail = OAuthIdp.refused(authorized.idp.token("grant_type", "authorization_code", "code", authorized.code,
                "redirect_uri", CALLBACK, "code_verifier", authorized.verifier), 400, "invalid_grant");
        assertThat(detail).contains("expired");
    }

    @Test
    void aReusedRefreshTokenRevokesTheWholeGrant() {
        Authorized authorized = authorized("refresh-reuse", "127.0.0.36");
        JsonNode tokens = authorized.exchange();
        String stolen = tokens.get("refresh_token").stringValue();
        JsonNode rotated = authorized.idp.refresh(stolen);
        ScimClient scim = new ScimClient(http, authorized.tenant, rotated.get("access_token").stringValue());
        scim.get("/Users").expectStatus().isOk();

        String detail = OAuthIdp.refused(authorized.idp.token("grant_type", "refresh_token", "refresh_token", stolen), 400,
                "invalid_grant");
        assertThat(detail).contains("revoked");
        scim.get("/Users").expectStatus().isUnauthorized();
        OAuthIdp.refused(authorized.idp.token("grant_type", "refresh_token", "refresh_token",
                rotated.get("refresh_token").stringValue()), 400, "invalid_grant");
    }

    @Test
    void aWrongClientSecretIsInvalidClientWithAChallenge() {
        Authorized authorized = authorized("secret", "127.0.0.37");
        OAuthIdp wrong = new OAuthIdp(http, authorized.idp.clientId(), authorized.idp.clientSecret() + "x");
        WebTestClient.ResponseSpec basic = wrong.token("grant_type", "authorization_code", "code", authorized.code,
                "redirect_uri", CALLBACK, "code_verifier", authorized.verifier);
        basic.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"scim-gateway\"");
        OAuthIdp.refused(basic, 401, "invalid_client");
        OAuthIdp.refused(wrong.tokenByPost("grant_type", "client_credentials"), 401, "invalid_client");
        OAuthIdp.refused(new OAuthIdp(http, "sgc_nobody", "sgcs_nothing").token("grant_type", "client_credentials"), 401,
                "invalid_client");
        // The code was not spent by the refused requests: the client itself still redeems it.
        authorized.exchange();
    }

    @Test
    void aClientOfOneTenantGetsNothingOfAnother() {
        String tenantA = newTenant("tenant-a");
        String tenantB = newTenant("tenant-b");
        OAuthIdp clientA = codeClient(tenantA, "Client A");
        OAuthIdp clientB = codeClient(tenantB, "Client B");
        ConsoleVisitor adminOfB = signedIn(tenantB, "127.0.0.38");

        // B's admin cannot authorize A's client: a page, no redirect, no code.
        EntityExchangeResult<String> refused = clientA.open(adminOfB, new OAuthIdp.Ask(CALLBACK, "s", null, null));
        assertThat(refused.getStatus().value()).isEqualTo(403);
        assertThat(refused.getResponseHeaders().getLocation()).isNull();
        EntityExchangeResult<String> forged = adminOfB.post("/console/oauth/authorize", "request",
                new OAuthIdp.Ask(CALLBACK, "s", null, null).query(clientA.clientId()).split("\\?", 2)[1], "decision", "approve");
        assertThat(forged.getStatus().value()).isEqualTo(403);
        assertThat(forged.getResponseHeaders().getLocation()).isNull();

        // A code of B's client, presented by A's client: invalid_grant; and B's client can no longer use it.
        String verifier = OAuthIdp.verifier();
        String codeOfB = clientB.authorize(adminOfB, new OAuthIdp.Ask(CALLBACK, "s", OAuthIdp.challenge(verifier), null));
        OAuthIdp.refused(clientA.token("grant_type", "authorization_code", "code", codeOfB, "redirect_uri", CALLBACK,
                "code_verifier", verifier), 400, "invalid_grant");

        // A's tokens see A's users only.
        String userOfB = newScimClientFor(tenantB).createUser("b-user@example.com");
        Authorized inA = authorized(tenantA, clientA, "127.0.0.39");
        ScimClient scimA = new ScimClient(http, tenantA, inA.exchange().get("access_token").stringValue());
        scimA.get("/Users/" + userOfB).expectStatus().isNotFound();
        assertThat(ScimClient.body(scimA.get("/Users")).get("totalResults").asInt()).isZero();
    }

    @Test
    void eventsAreNeverAnOAuthScope() {
        String tenant = newTenant("events-scope");
        OAuthIdp idp = codeClient(tenant, "Events");
        ConsoleVisitor browser = signedIn(tenant, "127.0.0.40");
        EntityExchangeResult<String> asked = idp.open(browser, new OAuthIdp.Ask(CALLBACK, "s", null, "scim events"));
        assertThat(asked.getStatus().value()).isEqualTo(303);
        assertThat(OAuthIdp.query(asked.getResponseHeaders().getLocation())).containsEntry("error", "invalid_scope")
                .doesNotContainKey("code");
        OAuthIdp credentials = client(register(tenant, """
                {"name":"Entra events","grantTypes":["client_credentials"]}"""));
        OAuthIdp.refused(credentials.token("grant_type", "client_credentials", "scope", "events"), 400, "invalid_scope");

        // An access token does not open the change feed, and an events token does not open SCIM.
        String accessToken = OAuthIdp.tokens(credentials.token("grant_type", "client_credentials")).get("access_token")
                .stringValue();
        http.get().uri("/events/v1/streams").header("Authorization", "Bearer " + accessToken).exchange()
                .expectStatus().isUnauthorized();
        String eventsToken = createNamedToken(tenant, "{\"name\":\"receiver\",\"scopes\":[\"events\"]}");
        new ScimClient(http, tenant, eventsToken).get("/Users").expectStatus().isForbidden();
    }

    @Test
    void malformedTokenRequestsGetTheirErrorAndNever5xx() {
        Authorized authorized = authorized("malformed", "127.0.0.41");
        OAuthIdp idp = authorized.idp;
        OAuthIdp.refused(idp.token("grant_type", "password", "username", "u", "password", "p"), 400, "unsupported_grant_type");
        OAuthIdp.refused(idp.token("code", authorized.code), 400, "invalid_request");
        OAuthIdp.refused(idp.token("grant_type", "authorization_code"), 400, "invalid_request");
        OAuthIdp.refused(idp.token("grant_type", "authorization_code", "code", "sgac_nope.nope", "redirect_uri", CALLBACK),
                400, "invalid_grant");
        OAuthIdp.refused(idp.token("grant_type", "refresh_token", "refresh_token", "not-ours"), 400, "invalid_grant");
        OAuthIdp.refused(idp.token("grant_type", "client_credentials"), 400, "unauthorized_client");
        OAuthIdp.refused(http.post().uri("/oauth2/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"grant_type\":\"client_credentials\"}").exchange(), 401, "invalid_client");
        OAuthIdp.refused(http.post().uri("/oauth2/token").headers(h -> h.setBasicAuth(idp.clientId(), idp.clientSecret()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"grant_type\":\"client_credentials\"}").exchange(),
                400, "invalid_request");
        OAuthIdp.refused(http.post().uri("/oauth2/token").header("Authorization", "Basic %%%")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("grant_type=client_credentials").exchange(),
                401, "invalid_client");
        OAuthIdp.refused(http.post().uri("/oauth2/token").headers(h -> h.setBasicAuth(idp.clientId(), idp.clientSecret()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials&pad=" + "x".repeat(40_000)).exchange(), 400, "invalid_request");
        // Nothing of that spent the code.
        authorized.exchange();
    }

    @Test
    void malformedAuthorizationRequestsGetAPageOrAnErrorForTheClient() {
        String tenant = newTenant("authorize-bad");
        OAuthIdp idp = codeClient(tenant, "Bad requests");
        ConsoleVisitor browser = signedIn(tenant, "127.0.0.42");
        assertThat(browser.follow("/console/oauth/authorize").getStatus().value()).isEqualTo(400);
        assertThat(browser.follow("/console/oauth/authorize?client_id=sgc_unknown&redirect_uri=" + CALLBACK)
                .getStatus().value()).isEqualTo(400);
        assertThat(browser.follow("/console/oauth/authorize?client_id=" + idp.clientId() + "&client_id=" + idp.clientId()
                + "&redirect_uri=" + CALLBACK).getStatus().value()).isEqualTo(400);
        EntityExchangeResult<String> token = browser.follow("/console/oauth/authorize?response_type=token&client_id="
                + idp.clientId() + "&redirect_uri=" + CALLBACK + "&state=s");
        assertThat(token.getStatus().value()).isEqualTo(303);
        URI location = token.getResponseHeaders().getLocation();
        assertThat(OAuthIdp.query(location)).containsEntry("error", "unsupported_response_type")
                .containsEntry("iss", browser.origin());
        // Declined: access_denied to the client.
        URI declined = OAuthIdp.approve(browser, idp.open(browser, new OAuthIdp.Ask(CALLBACK, "d", null, null)), "deny");
        assertThat(OAuthIdp.query(declined)).containsEntry("error", "access_denied").containsEntry("state", "d")
                .containsEntry("iss", browser.origin()).doesNotContainKey("code");
        // The operator authorizes for no tenant.
        ConsoleVisitor operator = new ConsoleVisitor(port, "127.0.0.43");
        operator.signIn(ADMIN_TOKEN);
        assertThat(idp.open(operator, new OAuthIdp.Ask(CALLBACK, "s", null, null)).getStatus().value()).isEqualTo(403);
    }

    /** A code-grant client, authorized by a signed-in admin with PKCE; its code not yet exchanged. */
    private record Authorized(String tenant, OAuthIdp idp, String code, String verifier) {

        JsonNode exchange() {
            return idp.exchange(code, CALLBACK, verifier);
        }
    }

    private Authorized authorized(String prefix, String fromAddress) {
        String tenant = newTenant(prefix);
        return authorized(tenant, codeClient(tenant, prefix + " client"), fromAddress);
    }

    private Authorized authorized(String tenant, OAuthIdp idp, String fromAddress) {
        String verifier = OAuthIdp.verifier();
        String code = idp.authorize(signedIn(tenant, fromAddress),
                new OAuthIdp.Ask(CALLBACK, "state-" + tenant, OAuthIdp.challenge(verifier), null));
        return new Authorized(tenant, idp, code, verifier);
    }

    private ScimClient newScimClientFor(String tenant) {
        return new ScimClient(http, tenant, newToken(tenant, "idp").get("token").stringValue());
    }

    private String createNamedToken(String tenant, String body) {
        return http.post().uri("/admin/v1/tenants/{t}/tokens", tenant).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("token").stringValue();
    }
}
