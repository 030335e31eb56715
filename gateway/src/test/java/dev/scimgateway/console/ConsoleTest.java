package dev.scimgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.crypto.RandomSecrets;
import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import dev.scimgateway.tenancy.AdminPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/** The console over plain HTTP: sign-in, sessions, CSRF, headers, who may open what, and the token dashboard. */
class ConsoleTest extends GatewayTest {

    private static final Pattern TOKEN_FIELD = Pattern.compile("id=\"token\" value=\"([^\"]+)\"");
    private static final Pattern KEY_FIELD = Pattern.compile("id=\"admin-key\" value=\"([^\"]+)\"");

    @LocalServerPort
    private int port;

    @Autowired
    private ConsoleSessionStore sessionStore;

    @Test
    void signInPageCarriesTheSecurityHeaders() {
        EntityExchangeResult<String> page = new ConsoleVisitor(port, "127.0.0.1").get("/console/");
        assertThat(page.getStatus().value()).isEqualTo(200);
        assertThat(page.getResponseBody()).contains("action=\"/console/sign-in\"").contains("name=\"key\"")
                .contains("<label for=\"key\">");
        HttpHeaders headers = page.getResponseHeaders();
        String csp = headers.getFirst("Content-Security-Policy");
        assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.getFirst(HttpHeaders.CACHE_CONTROL)).contains("no-store");
    }

    @Test
    void scimRequestsDoNotPassTheConsolesSecurity() {
        ScimClient client = newScimClient("hot-path");
        client.get("/Users").expectStatus().isOk().expectHeader().doesNotExist("Content-Security-Policy")
                .expectHeader().doesNotExist("X-Frame-Options");
    }

    @Test
    void signInGivesAStrictHttpOnlySessionAndSignOutEndsIt() {
        String tenant = newTenant("console-in");
        String key = newAdminKey(tenant, "alice").get("key").stringValue();
        ConsoleVisitor browser = new ConsoleVisitor(port, "127.0.0.1");

        EntityExchangeResult<String> signedIn = browser.signIn(key);
        assertThat(signedIn.getStatus().value()).isEqualTo(303);
        assertThat(signedIn.getResponseHeaders().getLocation()).hasToString("/console/");
        ResponseCookie session = signedIn.getResponseCookies().getFirst(ConsoleSessions.COOKIE);
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.isSecure()).as("plain http, no https public base URL").isFalse();

        EntityExchangeResult<String> home = browser.get("/console/");
        assertThat(home.getResponseHeaders().getLocation()).hasToString("/console/tenants/" + tenant + "/overview");
        assertThat(browser.get("/console/tenants/" + tenant + "/tokens").getResponseBody()).contains("SCIM Integration");

        assertThat(browser.post("/console/sign-out").getStatus().value()).isEqualTo(303);
        EntityExchangeResult<String> after = browser.get("/console/tenants/" + tenant + "/tokens");
        assertThat(after.getStatus().value()).isEqualTo(303);
        assertThat(after.getResponseHeaders().getLocation()).hasToString("/console/");
    }

    @Test
    void theOperatorSignsInWithTheAdminToken() {
        String tenant = newTenant("console-op");
        ConsoleVisitor browser = new ConsoleVisitor(port, "127.0.0.1");
        browser.signIn(ADMIN_TOKEN);
        assertThat(browser.get("/console/").getResponseHeaders().getLocation()).hasToString("/console/tenants");
        assertThat(browser.get("/console/tenants").getResponseBody()).contains("/console/tenants/" + tenant + "/overview");
        assertThat(browser.get("/console/tenants/" + tenant + "/tokens").getStatus().value()).isEqualTo(200);
    }

    @Test
    void theOperatorCreatesATenantAndIssuesAndRevokesItsAdminsKey() {
        ConsoleVisitor operator = new ConsoleVisitor(port, "127.0.0.1");
        operator.signIn(ADMIN_TOKEN);
        String id = "made-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        EntityExchangeResult<String> created = operator.post("/console/tenants", "id", id, "displayName", "Made here");
        String keysPage = "/console/tenants/" + id + "/admin-keys";
        assertThat(created.getResponseHeaders().getLocation()).hasToString(keysPage);
        assertThat(operator.get("/console/tenants").getResponseBody()).contains("Made here").contains(keysPage);
        assertThat(operator.post("/console/tenants", "id", id).getStatus().value()).isEqualTo(409);
        EntityExchangeResult<String> invalid = operator.post("/console/tenants", "id", "Not A Slug");
        assertThat(invalid.getStatus().value()).isEqualTo(400);
        assertThat(invalid.getResponseBody()).contains("lower-case letters");

        assertThat(operator.get(keysPage).getResponseBody()).contains("No admin key yet").contains(">Admin keys<");
        EntityExchangeResult<String> issued = operator.post(keysPage, "name", "alice");
        assertThat(issued.getStatus().value()).isEqualTo(201);
        assertThat(issued.getResponseHeaders().getFirst(HttpHeaders.CACHE_CONTROL)).contains("no-store");
        Matcher key = KEY_FIELD.matcher(issued.getResponseBody());
        assertThat(key.find()).isTrue();
        assertThat(operator.get(keysPage).getResponseBody()).doesNotContain(key.group(1)).contains("alice");

        ConsoleVisitor alice = new ConsoleVisitor(port, "127.0.0.1");
        assertThat(alice.signIn(key.group(1)).getStatus().value()).isEqualTo(303);
        String tokens = alice.get("/console/tenants/" + id + "/tokens").getResponseBody();
        assertThat(tokens).contains("SCIM Integration").doesNotContain(">Admin keys<");
        assertThat(alice.get(keysPage).getStatus().value()).isEqualTo(403);
        assertThat(alice.post(keysPage, "name", "mallory").getStatus().value()).isEqualTo(403);

        JsonNode listed = admin(http.get().uri("/admin/v1/tenants/{t}/admin-keys", id)).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        String revoke = keysPage + "/" + listed.get(0).get("id").stringValue() + "/revoke";
        assertThat(operator.get(revoke).getResponseBody()).contains("Revoke the admin key").contains("alice");
        assertThat(operator.post(revoke).getResponseHeaders().getLocation()).hasToString(keysPage);
        assertThat(new ConsoleVisitor(port, "127.0.0.1").signIn(key.group(1)).getStatus().value()).isEqualTo(401);
        assertThat(operator.get(revoke).getStatus().value()).isEqualTo(404);
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        String tenant = newTenant("csrf");
        String key = newAdminKey(tenant, "alice").get("key").stringValue();
        ConsoleVisitor browser = new ConsoleVisitor(port, "127.0.0.1");
        assertThat(browser.postWithoutCsrf("/console/sign-in", "key", key).getStatus().value()).isEqualTo(403);
        assertThat(browser.cookie(ConsoleSessions.COOKIE)).isNull();

        browser.signIn(key);
        EntityExchangeResult<String> forged = browser.postWithoutCsrf("/console/tenants/" + tenant + "/tokens", "name", "evil");
        assertThat(forged.getStatus().value()).isEqualTo(403);
        assertThat(forged.getResponseBody()).contains("CSRF");
        admin(http.get().uri("/admin/v1/tenants/{t}/tokens", tenant)).exchange().expectBody().json("[]");
    }

    @Test
    void aTenantAdminCannotOpenAnotherTenant() {
        String own = newTenant("own-console");
        String other = newTenant("other-console");
        JsonNode otherToken = newToken(other, "theirs");
        ConsoleVisitor browser = new ConsoleVisitor(port, "127.0.0.1");
        browser.signIn(newAdminKey(own, "alice").get("key").stringValue());

        assertThat(browser.get("/console/tenants/" + own + "/tokens").getStatus().value()).isEqualTo(200);
        assertThat(browser.get("/console/tenants/" + other + "/tokens").getStatus().value()).isEqualTo(403);
        assertThat(browser.get("/console/tenants/" + own + "/tokens/last-used").getResponseBody()).contains("\"tokens\"");
        assertThat(browser.get("/console/tenants/" + other + "/tokens/last-used").getStatus().value()).isEqualTo(403);
        assertThat(browser.get("/console/tenants").getStatus().value()).isEqualTo(403);
        String theirs = otherToken.get("id").stringValue();
        assertThat(browser.get("/console/tenants/" + other + "/tokens/" + theirs + "/revoke").getStatus().value()).isEqualTo(403);
        assertThat(browser.post("/console/tenants/" + other + "/tokens/" + theirs + "/revoke").getStatus().value()).isEqualTo(403);
        // Another tenant's token id under one's own tenant is no token of one's own.
        assertThat(browser.post("/console/tenants/" + own + "/tokens/" + theirs + "/revoke").getStatus().value()).isEqualTo(404);
        admin(http.get().uri("/admin/v1/tenants/{t}/tokens", other)).exchange().expectBody()
                .jsonPath("$[0].status").isEqualTo("active");
    }

    @Test
    void revokingTheAdminKeyEndsItsSessions() {
        String tenant = newTenant("revoke-session");
        JsonNode key = newAdminKey(tenant, "alice");
        ConsoleVisitor browser = new ConsoleVisitor(port, "127.0.0.1");
        browser.signIn(key.get("key").stringValue());
        assertThat(browser.get("/console/tenants/" + tenant + "/tokens").getStatus().value()).isEqualTo(200);

        admin(http.delete().uri("/admin/v1/tenants/{t}/admin-keys/{id}", tenant, key.get("id").stringValue()))
                .exchange().expectStatus().isNoContent();

        EntityExchangeResult<String> after = browser.get("/console/tenants/" + tenant + "/tokens");
        assertThat(after.getStatus().value()).isEqualTo(303);
        assertThat(after.getResponseHeaders().getLocation()).hasToString("/console/");
    }

    @Test
    void failedSignInsAreLimitedPerClientAddress() {
        String tenant = newTenant("throttle");
        String key = newAdminKey(tenant, "alice").get("key").stringValue();
        ConsoleVisitor guesser = new ConsoleVisitor(port, "127.0.0.2");
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.signIn("sgak_guess" + i).getStatus().value()).isEqualTo(401);
        }
        EntityExchangeResult<String> limited = guesser.signIn(key);
        assertThat(limited.getStatus().value()).isEqualTo(429);
        assertThat(limited.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(guesser.cookie(ConsoleSessions.COOKIE)).isNull();

        // Another address is not held back by the first one's failures.
        assertThat(new ConsoleVisitor(port, "127.0.0.3").signIn(key).getStatus().value()).isEqualTo(303);
    }

    @Test
    void generatesATokenShownOnceAndRevokesItWithConfirmation() {
        String tenant = newTenant("dashboard");
        ConsoleVisitor browser = new ConsoleVisitor(port, "127.0.0.1");
        browser.signIn(newAdminKey(tenant, "alice").get("key").stringValue());
        String dashboard = "/console/tenants/" + tenant + "/tokens";
        browser.get(dashboard);

        EntityExchangeResult<String> created = browser.post(dashboard, "name", "<img src=x onerror=alert(1)>",
                "scope", "scim", "expiresInDays", "30");
        assertThat(created.getStatus().value()).isEqualTo(201);
        assertThat(created.getResponseHeaders().getFirst(HttpHeaders.CACHE_CONTROL)).contains("no-store");
        String page = created.getResponseBody();
        assertThat(page).contains("will not be shown again").contains("/scim/v2")
                .doesNotContain("<img src=x").contains("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;");
        Matcher token = TOKEN_FIELD.matcher(page);
        assertThat(token.find()).isTrue();
        ScimClient client = new ScimClient(http, tenant, token.group(1));
        client.get("/Users").expectStatus().isOk();

        String list = browser.get(dashboard).getResponseBody();
        assertThat(list).doesNotContain(token.group(1)).doesNotContain("<img src=x").contains("active")
                .containsPattern("in (29|30) days");
        JsonNode listed = admin(http.get().uri("/admin/v1/tenants/{t}/tokens", tenant)).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        String revoke = dashboard + "/" + listed.get(0).get("id").stringValue() + "/revoke";
        assertThat(browser.get(revoke).getResponseBody()).contains("Revoke the token").contains("confirm-revoke");
        assertThat(browser.post(revoke).getResponseHeaders().getLocation()).hasToString(dashboard);

        client.get("/Users").expectStatus().isUnauthorized();
        assertThat(browser.get(dashboard).getResponseBody()).contains("revoked");
    }

    @Test
    void sessionsEndAfterTheIdleAndTheAbsoluteTimeout() {
        String tenant = newTenant("timeouts");
        JsonNode key = newAdminKey(tenant, "alice");
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        ConsoleSessions sessions = new ConsoleSessions(sessionStore, new RandomSecrets(), clock, Duration.ofMinutes(30),
                Duration.ofHours(8), false);
        AdminPrincipal alice = new AdminPrincipal(tenant, java.util.UUID.fromString(key.get("id").stringValue()), "alice");

        MockServerWebExchange idle = signedIn(sessions, alice);
        now.set(now.get().plus(Duration.ofMinutes(29)));
        StepVerifier.create(sessions.resume(idle)).expectNext(alice).verifyComplete();
        now.set(now.get().plus(Duration.ofMinutes(31)));
        StepVerifier.create(sessions.resume(idle)).verifyComplete();

        now.set(Instant.now());
        MockServerWebExchange busy = signedIn(sessions, alice);
        now.set(now.get().plus(Duration.ofHours(8)).plusSeconds(1));
        StepVerifier.create(sessions.resume(busy)).verifyComplete();
    }

    @Test
    void cookiesAreSecureWhenThePublicBaseUrlIsHttps() {
        ConsoleSessions sessions = new ConsoleSessions(sessionStore, new RandomSecrets(), Clock.systemUTC(),
                Duration.ofMinutes(30), Duration.ofHours(8), true);
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/console/"));
        sessions.start(exchange, AdminPrincipal.OPERATOR).block(Duration.ofSeconds(10));
        ResponseCookie cookie = exchange.getResponse().getCookies().getFirst(ConsoleSessions.COOKIE);
        assertThat(cookie).isNotNull();
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
    }

    /** An exchange whose request carries the cookie of a session just started. */
    private static MockServerWebExchange signedIn(ConsoleSessions sessions, AdminPrincipal principal) {
        MockServerWebExchange start = MockServerWebExchange.from(MockServerHttpRequest.get("/console/"));
        sessions.start(start, principal).block(Duration.ofSeconds(10));
        ResponseCookie cookie = start.getResponse().getCookies().getFirst(ConsoleSessions.COOKIE);
        return MockServerWebExchange.from(MockServerHttpRequest.get("/console/").cookie(
                new org.springframework.http.HttpCookie(cookie.getName(), cookie.getValue())));
    }
}
