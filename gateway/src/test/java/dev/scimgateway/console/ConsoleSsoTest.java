package dev.scimgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.FakeOpenIdProvider;
import dev.scimgateway.support.GatewayTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Console single sign-on through a tenant's own OpenID provider, end to end over real HTTP: the
 * provider is WireMock with a real RSA key (FakeOpenIdProvider), which checks the client secret,
 * the code, the redirect URI and the PKCE verifier as a real one does. A browser is played by
 * ConsoleVisitor (cookies) and a client that does not follow redirects.
 */
class ConsoleSsoTest extends GatewayTest {

    private static FakeOpenIdProvider provider;
    /** Each browser comes from an address of its own: refused sign-ins are counted per address. */
    private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger();

    @LocalServerPort
    private int port;

    @Autowired
    private DatabaseClient db;

    @BeforeAll
    static void startProvider() {
        provider = new FakeOpenIdProvider();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @AfterEach
    void honestProvider() {
        provider.reset();
    }

    @Test
    void anAdminSignsInThroughTheTenantsProviderAndReachesTheTokensPage() {
        String tenant = tenantWithSso(Map.of("allowedDomains", List.of("example.com")));
        provider.signInAs("alice@Example.com");
        ConsoleVisitor browser = visitor();

        EntityExchangeResult<String> signedIn = signIn(browser, tenant);
        assertThat(signedIn.getStatus().value()).isEqualTo(200);
        assertThat(signedIn.getResponseBody()).contains("Signed in as <strong>alice@Example.com</strong>")
                .contains("http-equiv=\"refresh\"").contains("/console/tenants/" + tenant + "/overview");
        ResponseCookie session = signedIn.getResponseCookies().getFirst(ConsoleSessions.COOKIE);
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");

        EntityExchangeResult<String> tokens = browser.get("/console/tenants/" + tenant + "/tokens");
        assertThat(tokens.getStatus().value()).isEqualTo(200);
        assertThat(tokens.getResponseBody()).contains("SCIM Integration").contains("alice@Example.com")
                .contains("admin of " + tenant).doesNotContain(">Admin keys<");
        assertThat(sessionsOf(tenant)).isEqualTo(1);
        assertThat(browser.get("/console/tenants/" + newTenant("not-mine") + "/tokens").getStatus().value()).isEqualTo(403);
    }

    @Test
    void theSignInPageOffersTheTenantsProvider() {
        String tenant = tenantWithSso(Map.of("allowedDomains", List.of("example.com"), "displayName", "Example <Okta>"));
        ConsoleVisitor browser = visitor();
        assertThat(browser.get("/console/").getResponseBody()).contains("name=\"tenant\"");
        String page = browser.get("/console/?tenant=" + tenant).getResponseBody();
        assertThat(page).contains("Sign in with Example &lt;Okta&gt;").contains("href=\"/console/sso/" + tenant + "\"");
        String none = newTenant("no-sso");
        assertThat(browser.get("/console/?tenant=" + none).getResponseBody()).contains("has no single sign-on set up");
    }

    @Test
    void someoneOutsideTheAllowedSetIsRefusedAndNothingIsCreated() {
        String tenant = tenantWithSso(Map.of("allowedDomains", List.of("example.com"),
                "allowedEmails", List.of("bob@partner.org"), "allowedGroups", List.of("scim-admins")));
        provider.signInAs("mallory@other.org", "everyone");
        ConsoleVisitor browser = visitor();

        EntityExchangeResult<String> refused = signIn(browser, tenant);
        assertThat(refused.getStatus().value()).isEqualTo(403);
        assertThat(refused.getResponseBody()).contains("mallory@other.org").contains("is not among the people who may"
                + " administer tenant &#39;" + tenant + "&#39;");
        assertThat(browser.cookie(ConsoleSessions.COOKIE)).isNull();
        assertThat(sessionsOf(tenant)).isZero();
        assertThat(browser.get("/console/tenants/" + tenant + "/tokens").getStatus().value()).isEqualTo(303);

        // An address at the domain that the provider says it has not verified proves nothing.
        provider.signInAs(new FakeOpenIdProvider.User("sub-x", "eve@example.com", false, List.of()));
        assertThat(signIn(visitor(), tenant).getStatus().value()).isEqualTo(403);
        assertThat(sessionsOf(tenant)).isZero();

        // The same provider's other users are admitted by the list and by the group.
        provider.signInAs("bob@partner.org");
        assertThat(signIn(visitor(), tenant).getStatus().value()).isEqualTo(200);
        provider.signInAs(new FakeOpenIdProvider.User("sub-g", null, null, List.of("staff", "scim-admins")));
        assertThat(signIn(visitor(), tenant).getStatus().value()).isEqualTo(200);
        assertThat(sessionsOf(tenant)).isEqualTo(2);
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() {
        assertRefusedToken(claims -> claims.claim("nonce", "not-the-one-sent"));
    }

    @Test
    void anIdTokenForAnotherClientIsRefused() {
        assertRefusedToken(claims -> claims.audience("someone-else"));
    }

    @Test
    void anIdTokenFromAnotherIssuerIsRefused() {
        assertRefusedToken(claims -> claims.issuer("https://evil.example"));
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        assertRefusedToken(claims -> claims.expirationTime(new java.util.Date(System.currentTimeMillis() - 600_000)));
    }

    @Test
    void anIdTokenSignedByAnotherKeyIsRefused() {
        assertRefusedAnswer(provider::signWithAnotherKey);
    }

    @Test
    void anAnswerWithAnotherStateOrInAnotherBrowserIsRefused() {
        String tenant = tenantWithSso(Map.of("allowedDomains", List.of("example.com")));
        provider.signInAs("alice@example.com");
        ConsoleVisitor browser = visitor();
        URI callback = atProvider(browser, tenant);
        String forged = callback.toString().replaceAll("state=[^&]+", "state=forged");
        EntityExchangeResult<String> refused = browser.get(URI.create(forged));
        assertThat(refused.getStatus().value()).isEqualTo(401);
        assertThat(refused.getResponseBody()).contains("state");
        assertThat(browser.cookie(ConsoleSessions.COOKIE)).isNull();

        // The real answer, but in a browser that did not start the sign-in (login CSRF): refused too.
        URI real = atProvider(visitor(), tenant);
        ConsoleVisitor victim = visitor();
        assertThat(victim.get(real).getStatus().value()).isEqualTo(401);
        assertThat(victim.cookie(ConsoleSessions.COOKIE)).isNull();
        assertThat(sessionsOf(tenant)).isZero();
    }

    @Test
    void removingSingleSignOnEndsTheSessionsItStartedButNotTheKeys() {
        String tenant = tenantWithSso(Map.of("allowedDomains", List.of("example.com")));
        provider.signInAs("alice@example.com");
        ConsoleVisitor sso = visitor();
        signIn(sso, tenant);
        ConsoleVisitor keyed = visitor();
        keyed.signIn(newAdminKey(tenant, "break-glass").get("key").stringValue());
        assertThat(sso.get("/console/tenants/" + tenant + "/tokens").getStatus().value()).isEqualTo(200);

        admin(http.delete().uri("/admin/v1/tenants/{t}/oidc", tenant)).exchange().expectStatus().isNoContent();

        assertThat(sso.get("/console/tenants/" + tenant + "/tokens").getStatus().value()).isEqualTo(303);
        assertThat(keyed.get("/console/tenants/" + tenant + "/tokens").getStatus().value()).isEqualTo(200);
        admin(http.get().uri("/admin/v1/tenants/{t}/oidc", tenant)).exchange().expectStatus().isNotFound();
    }

    @Test
    void theAdminApiNeverShowsTheSecretAndKeepsItSealed() {
        String tenant = newTenant("sso-api");
        admin(http.get().uri("/admin/v1/tenants/{t}/oidc", tenant)).exchange().expectStatus().isNotFound();
        assertThat(detail(put(tenant, Map.of("issuer", provider.issuer(), "clientId", FakeOpenIdProvider.CLIENT_ID,
                "allowedDomains", List.of("example.com"))).expectStatus().isBadRequest())).contains("clientSecret");
        put(tenant, Map.of("issuer", "ftp://example.com", "clientId", "c", "clientSecret", "s",
                "allowedDomains", List.of("example.com"))).expectStatus().isBadRequest();
        assertThat(detail(put(tenant, Map.of("issuer", provider.issuer(), "clientId", "c", "clientSecret", "s"))
                .expectStatus().isBadRequest())).contains("no one");

        JsonNode saved = configure(tenant, Map.of("allowedDomains", List.of("@Example.COM")));
        assertThat(saved.has("clientSecret")).isFalse();
        assertThat(saved.get("clientSecretSet").booleanValue()).isTrue();
        assertThat(saved.get("allowedDomains").get(0).stringValue()).isEqualTo("example.com");
        assertThat(saved.get("redirectUri").stringValue()).endsWith("/console/sso/" + tenant + "/callback");
        String listed = admin(http.get().uri("/admin/v1/tenants/{t}/oidc", tenant)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).doesNotContain(FakeOpenIdProvider.CLIENT_SECRET).contains("\"clientSecretSet\":true");

        byte[] stored = db.sql("SELECT client_secret FROM tenant_oidc WHERE tenant_id = $1").bind(0, tenant)
                .map(row -> row.get(0, java.nio.ByteBuffer.class)).one().map(buffer -> {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    return bytes;
                }).block();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(FakeOpenIdProvider.CLIENT_SECRET);

        // A change without the secret keeps the stored one: sign-in still presents it.
        put(tenant, Map.of("issuer", provider.issuer(), "clientId", FakeOpenIdProvider.CLIENT_ID,
                "allowedEmails", List.of("carol@example.net"))).expectStatus().isOk();
        provider.signInAs("carol@example.net");
        assertThat(signIn(visitor(), tenant).getStatus().value()).isEqualTo(200);
    }

    @Test
    void aTenantAdminSetsUpItsOwnSingleSignOnOnlyAndTheConsolePageDoesTheSame() {
        String own = newTenant("sso-own");
        String other = newTenant("sso-other");
        String key = newAdminKey(own, "alice").get("key").stringValue();
        Map<String, Object> body = settings(Map.of("allowedDomains", List.of("example.com")));
        http.put().uri("/admin/v1/tenants/{t}/oidc", own).header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isOk();
        http.put().uri("/admin/v1/tenants/{t}/oidc", other).header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isForbidden();

        ConsoleVisitor browser = visitor();
        browser.signIn(key);
        String page = browser.get("/console/tenants/" + own + "/sso").getResponseBody();
        assertThat(page).contains("/console/sso/" + own + "/callback").contains("value=\"" + provider.issuer() + "\"")
                .doesNotContain(FakeOpenIdProvider.CLIENT_SECRET).contains("Leave this empty to keep it");
        EntityExchangeResult<String> bad = browser.post("/console/tenants/" + own + "/sso", "issuer", provider.issuer(),
                "clientId", FakeOpenIdProvider.CLIENT_ID, "allowedDomains", "not a domain!");
        assertThat(bad.getStatus().value()).isEqualTo(400);
        assertThat(bad.getResponseBody()).contains("is not a domain");
        EntityExchangeResult<String> saved = browser.post("/console/tenants/" + own + "/sso", "issuer", provider.issuer(),
                "clientId", FakeOpenIdProvider.CLIENT_ID, "displayName", "Example Okta",
                "allowedEmails", "dave@example.org, erin@example.org", "allowedGroups", "SCIM admins\nOps");
        assertThat(saved.getStatus().value()).isEqualTo(200);
        assertThat(saved.getResponseBody()).contains("Saved.");
        admin(http.get().uri("/admin/v1/tenants/{t}/oidc", own)).exchange().expectBody()
                .jsonPath("$.allowedEmails[1]").isEqualTo("erin@example.org")
                .jsonPath("$.allowedGroups[0]").isEqualTo("SCIM admins")
                .jsonPath("$.displayName").isEqualTo("Example Okta");
        assertThat(browser.get("/console/tenants/" + other + "/sso").getStatus().value()).isEqualTo(403);

        provider.signInAs("erin@example.org");
        assertThat(signIn(visitor(), own).getStatus().value()).isEqualTo(200);

        assertThat(browser.post("/console/tenants/" + own + "/sso/remove").getStatus().value()).isEqualTo(303);
        admin(http.get().uri("/admin/v1/tenants/{t}/oidc", own)).exchange().expectStatus().isNotFound();
    }

    @Test
    void aProviderThatDoesNotAnswerGetsAPageNotAnError() {
        String tenant = newTenant("sso-down");
        put(tenant, Map.of("issuer", "http://127.0.0.1:9", "clientId", "c", "clientSecret", "s",
                "allowedDomains", List.of("example.com"))).expectStatus().isOk();
        EntityExchangeResult<String> page = visitor().get("/console/sso/" + tenant);
        assertThat(page.getStatus().value()).isEqualTo(502);
        assertThat(page.getResponseBody()).contains("could not complete the sign-in");
        assertThat(visitor().get("/console/sso/no-such-tenant").getStatus().value())
                .isEqualTo(404);
    }

    private void assertRefusedToken(java.util.function.UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder> spoil) {
        assertRefusedAnswer(() -> provider.spoilClaims(spoil));
    }

    /** The provider's answer, spoiled by {@code spoil}, is refused: no session, nothing signed in. */
    private void assertRefusedAnswer(Runnable spoil) {
        String tenant = tenantWithSso(Map.of("allowedDomains", List.of("example.com")));
        provider.signInAs("alice@example.com");
        spoil.run();
        ConsoleVisitor browser = visitor();
        EntityExchangeResult<String> refused = signIn(browser, tenant);
        assertThat(refused.getStatus().value()).isEqualTo(401);
        assertThat(refused.getResponseBody()).contains("did not pass validation");
        assertThat(browser.cookie(ConsoleSessions.COOKIE)).isNull();
        assertThat(sessionsOf(tenant)).isZero();
    }

    @Test
    void refusedAnswersAreCountedAsFailedSignInsOfTheAddress() {
        String tenant = tenantWithSso(Map.of("allowedDomains", List.of("example.com")));
        provider.signInAs("alice@example.com");
        ConsoleVisitor guesser = visitor();
        for (int i = 0; i < 5; i++) {
            URI answer = atProvider(guesser, tenant);
            URI madeUp = URI.create(answer.toString().replaceAll("code=[^&]+", "code=guess" + i));
            assertThat(guesser.get(madeUp).getStatus().value()).isEqualTo(401);
        }
        EntityExchangeResult<String> limited = guesser.get(atProvider(guesser, tenant));
        assertThat(limited.getStatus().value()).isEqualTo(429);
        assertThat(limited.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(guesser.cookie(ConsoleSessions.COOKIE)).isNull();
        assertThat(signIn(visitor(), tenant).getStatus().value()).as("another address").isEqualTo(200);
    }

    private ConsoleVisitor visitor() {
        return new ConsoleVisitor(port, "127.0.1." + (1 + ADDRESSES.getAndIncrement() % 250));
    }

    /** The whole dance: start at the gateway, sign in at the provider, come back with its answer. */
    private EntityExchangeResult<String> signIn(ConsoleVisitor browser, String tenant) {
        return browser.get(atProvider(browser, tenant));
    }

    /** Starts a sign-in and signs in at the provider; where the provider sends the browser back. */
    private URI atProvider(ConsoleVisitor browser, String tenant) {
        EntityExchangeResult<String> start = browser.get("/console/sso/" + tenant);
        assertThat(start.getStatus().value()).as(start.getResponseBody()).isEqualTo(303);
        URI authorize = start.getResponseHeaders().getLocation();
        assertThat(authorize.toString()).startsWith(provider.issuer() + "/authorize?").contains("code_challenge_method=S256")
                .contains("nonce=").contains("state=");
        URI back = WebTestClient.bindToServer().build().get().uri(authorize).exchange().expectStatus().isFound()
                .returnResult(Void.class).getResponseHeaders().getLocation();
        assertThat(back.getPath()).isEqualTo("/console/sso/" + tenant + "/callback");
        return back;
    }

    private String tenantWithSso(Map<String, Object> allowed) {
        String tenant = newTenant("sso");
        configure(tenant, allowed);
        return tenant;
    }

    private JsonNode configure(String tenant, Map<String, Object> extra) {
        return put(tenant, settings(extra)).expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                .getResponseBody();
    }

    private static Map<String, Object> settings(Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("issuer", provider.issuer(),
                "clientId", FakeOpenIdProvider.CLIENT_ID, "clientSecret", FakeOpenIdProvider.CLIENT_SECRET));
        body.putAll(extra);
        return body;
    }

    private WebTestClient.ResponseSpec put(String tenant, Map<String, Object> body) {
        return admin(http.put().uri("/admin/v1/tenants/{t}/oidc", tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)).exchange();
    }

    private static String detail(WebTestClient.ResponseSpec refused) {
        return refused.expectBody(JsonNode.class).returnResult().getResponseBody().get("detail").stringValue();
    }

    private long sessionsOf(String tenant) {
        return db.sql("SELECT count(*) FROM console_session WHERE tenant_id = $1 AND admin_key_id IS NULL")
                .bind(0, tenant).map(row -> row.get(0, Long.class)).one().block();
    }
}
