package dev.scimgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The console in a real browser (headless Chromium), walked as a tenant admin and an attacker
 * would. Screenshots of every page go to target/console-screenshots.
 */
class ConsoleBrowserTest extends GatewayTest {

    private static final String XSS = "<img src=x onerror=alert(1)>";

    @LocalServerPort
    private int port;

    @RegisterExtension
    final Chromium.PerTest chromium = new Chromium.PerTest();

    private ChromeDriver browser() {
        return chromium.driver();
    }

    @Test
    void aTenantAdminGeneratesATokenSeesItUsedAndRevokesIt() throws IOException {
        // The operator, with the admin API: a tenant and an admin key for it.
        String tenant = newTenant("browser");
        String key = newAdminKey(tenant, "alice").get("key").stringValue();

        open("/console/");
        seen("sign-in");
        signIn(key);
        assertThat(browser().getCurrentUrl()).endsWith("/console/tenants/" + tenant + "/overview");
        browser().findElement(By.linkText("SCIM Integration")).click();
        assertThat(browser().findElement(By.tagName("h1")).getText()).contains("SCIM Integration");
        assertThat(browser().findElement(By.id("base-url")).getDomProperty("value")).isEqualTo(origin() + "/scim/v2");
        seen("tokens-empty");

        browser().findElement(By.id("token-name")).sendKeys("okta-prod");
        new Select(browser().findElement(By.id("token-expiry"))).selectByValue("90");
        browser().findElement(By.id("generate")).click();
        assertThat(browser().findElement(By.cssSelector("[role=alert]")).getText()).contains("will not be shown again");
        String token = browser().findElement(By.id("token")).getDomProperty("value");
        assertThat(browser().findElements(By.cssSelector("button[data-copy]"))).hasSize(2);
        seen("token-created");

        browser().findElement(By.id("back")).click();
        assertThat(row("okta-prod").findElement(By.className("last-used")).getText()).isEqualTo("never");
        assertThat(row("okta-prod").findElement(By.className("expires")).getText()).containsPattern("in (89|90) days");
        assertThat(browser().getPageSource()).doesNotContain(token);

        ScimClient idp = new ScimClient(http, tenant, token);
        idp.get("/Users").expectStatus().isOk();

        // No reload: the dashboard shows the IdP's first request arrive, as Okta's connector test would.
        new WebDriverWait(browser(), Duration.ofSeconds(15)).until(d ->
                row("okta-prod").findElement(By.className("last-used")).getText().startsWith("just now"));
        assertThat(browser().findElement(By.id("token-activity")).getText()).contains("okta-prod").contains("just now");
        browser().navigate().refresh();
        WebElement lastUsed = row("okta-prod").findElement(By.className("last-used"));
        assertThat(lastUsed.getText()).startsWith("just now").contains("UTC");
        assertThat(lastUsed.findElement(By.tagName("time")).getDomAttribute("datetime")).isNotBlank();
        seen("tokens");
        Chromium.phone(browser());
        seen("tokens-phone");
        Chromium.desktop(browser());

        row("okta-prod").findElement(By.cssSelector("a.danger")).click();
        assertThat(browser().findElement(By.id("revoke-name")).getText()).contains("okta-prod");
        seen("revoke-token");
        browser().findElement(By.id("confirm-revoke")).click();
        assertThat(row("okta-prod").findElement(By.className("status")).getText()).isEqualTo("revoked");
        idp.get("/Users").expectStatus().isUnauthorized();

        browser().findElement(By.id("sign-out")).click();
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("key")).isEmpty());
        assertNoConsoleErrors();
    }

    /** The operator's walk: a tenant and an admin key made in the console, then that admin signs in. */
    @Test
    void theOperatorCreatesATenantAndAKeyItsAdminSignsInWith() throws IOException {
        signIn(ADMIN_TOKEN);
        assertThat(browser().getCurrentUrl()).endsWith("/console/tenants");
        String id = "walk-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        browser().findElement(By.id("tenant-id")).sendKeys(id);
        browser().findElement(By.id("tenant-name")).sendKeys("Walk " + XSS);
        browser().findElement(By.id("create-tenant")).click();
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/" + id + "/admin-keys"));
        seen("admin-keys-empty");

        browser().findElement(By.id("key-name")).sendKeys("alice");
        browser().findElement(By.id("issue-key")).click();
        assertThat(browser().findElement(By.cssSelector("[role=alert]")).getText()).contains("will not be shown again");
        String key = browser().findElement(By.id("admin-key")).getDomProperty("value");
        seen("admin-key-created");
        browser().findElement(By.id("back")).click();
        assertThat(browser().findElement(By.id("admin-keys")).getText()).contains("alice").contains("active")
                .doesNotContain(key);
        open("/console/tenants");
        assertThat(browser().findElement(By.id("tenants")).getText()).contains("Walk " + XSS);
        seen("tenants");
        assertNoAlert();
        browser().findElement(By.id("sign-out")).click();
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("key")).isEmpty());

        signIn(key);
        assertThat(browser().getCurrentUrl()).endsWith("/console/tenants/" + id + "/overview");
        assertThat(browser().findElement(By.tagName("nav")).getText()).doesNotContain("Admin keys");
        assertNoConsoleErrors();
    }

    @Test
    void usersAndGroupsPushedThroughScimShowWithTheirMembers() throws IOException {
        String tenant = newTenant("browser-dir");
        ScimClient idp = new ScimClient(http, tenant, newToken(tenant, "okta").get("token").stringValue());
        String ada = idp.createUser("ada@example.com");
        String grace = idp.createUser("grace@example.com");
        String xss = ScimClient.body(idp.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","active":false}
                """.formatted(XSS)).expectStatus().isCreated()).get("id").stringValue();
        String engineers = ScimClient.body(idp.post("/Groups", """
                {"displayName":"Engineers","externalId":"okta-00g1","members":[{"value":"%s"},{"value":"%s"},{"value":"%s"}]}
                """.formatted(ada, grace, xss)).expectStatus().isCreated()).get("id").stringValue();
        idp.post("/Groups", """
                {"displayName":"All staff","members":[{"value":"%s"}]}
                """.formatted(engineers)).expectStatus().isCreated();
        signIn(newAdminKey(tenant, "alice").get("key").stringValue());

        browser().findElement(By.linkText("Users")).click();
        assertThat(browser().findElement(By.id("read-only")).getText()).contains("Read-only");
        assertThat(browser().findElements(By.cssSelector("#users td.user-name"))).extracting(WebElement::getText)
                .containsExactlyInAnyOrder("ada@example.com", "grace@example.com", XSS);
        assertThat(browser().findElements(By.cssSelector("#users td img"))).isEmpty();
        seen("users");
        // With the keyboard: type into the labelled search field and press Enter.
        WebElement search = browser().findElement(By.id("user-search"));
        assertThat(browser().findElement(By.cssSelector("label[for=user-search]")).getText()).contains("Search users");
        search.sendKeys("ADA", Keys.ENTER);
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("q=ADA"));
        assertThat(browser().findElements(By.cssSelector("#users td.user-name"))).extracting(WebElement::getText)
                .containsExactly("ada@example.com");
        browser().findElement(By.linkText("ada@example.com")).click();
        assertThat(browser().findElement(By.cssSelector("#user .status")).getText()).isEqualTo("active");
        assertThat(browser().findElements(By.cssSelector("#user-groups li"))).extracting(WebElement::getText)
                .containsExactlyInAnyOrder("All staff (indirect)", "Engineers (direct)");
        seen("user");

        browser().findElement(By.linkText("Groups")).click();
        WebElement row = browser().findElements(By.cssSelector("#groups tbody tr")).stream()
                .filter(r -> r.getText().contains("Engineers")).findFirst().orElseThrow();
        assertThat(row.findElement(By.className("members")).getText()).isEqualTo("3");
        assertThat(row.findElement(By.className("external-id")).getText()).isEqualTo("okta-00g1");
        seen("groups");
        row.findElement(By.linkText("Engineers")).click();
        assertThat(browser().findElement(By.className("member-count")).getText()).isEqualTo("3");
        assertThat(browser().findElements(By.cssSelector("#members td.member-name"))).extracting(WebElement::getText)
                .containsExactlyInAnyOrder("ada@example.com", "grace@example.com", XSS);
        assertThat(browser().findElements(By.cssSelector("#members td img"))).isEmpty();
        seen("group");
        Chromium.phone(browser());
        seen("group-phone");
        browser().findElement(By.linkText(XSS)).click();
        assertThat(browser().findElement(By.cssSelector("#user .user-name")).getText()).isEqualTo(XSS);
        assertThat(browser().findElement(By.cssSelector("#user .status")).getText()).isEqualTo("deactivated");
        seen("user-phone");
        Chromium.desktop(browser());
        assertNoAlert();
        assertNoConsoleErrors();
    }

    @Test
    void theActivityPageShowsARefusedRequestWithItsDetail() throws IOException {
        String tenant = newTenant("browser-activity");
        ScimClient idp = new ScimClient(http, tenant, newToken(tenant, "okta").get("token").stringValue());
        idp.createUser("ada@example.com");
        idp.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"ada@example.com\"}")
                .expectStatus().isEqualTo(409);
        idp.get("/Users?filter=" + java.net.URLEncoder.encode(XSS, StandardCharsets.UTF_8).replace("+", "%20"))
                .expectStatus().isBadRequest();
        signIn(newAdminKey(tenant, "alice").get("key").stringValue());

        browser().findElement(By.linkText("Activity")).click();
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> {
            d.navigate().refresh();
            return d.findElements(By.cssSelector("#activity tr.activity-error")).size() >= 2;
        });
        WebElement taken = browser().findElements(By.cssSelector("#activity tr.activity-error")).stream()
                // By its status: a row's time or request id may contain "409" too.
                .filter(r -> r.findElement(By.className("activity-status")).getText().startsWith("409")).findFirst()
                .orElseThrow();
        assertThat(taken.findElement(By.className("activity-detail")).getText())
                .contains("userName 'ada@example.com' is already taken");
        assertThat(taken.findElement(By.className("activity-token")).getText()).isEqualTo("okta");
        assertThat(browser().findElements(By.cssSelector("#activity td img"))).isEmpty();
        seen("activity");
        // With the keyboard: choose errors and 4xx in the labelled selects and submit.
        new Select(browser().findElement(By.id("activity-kind"))).selectByValue("error");
        new Select(browser().findElement(By.id("activity-outcome"))).selectByValue("4xx");
        browser().findElement(By.id("activity-token")).sendKeys("okta", Keys.ENTER);
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("kind=error"));
        assertThat(browser().findElements(By.cssSelector("#activity tbody tr")))
                .allSatisfy(r -> assertThat(r.getDomAttribute("class")).isEqualTo("activity-error"));
        assertThat(browser().findElement(By.id("export-csv")).getDomAttribute("href")).contains("format=csv")
                .contains("kind=error");
        Chromium.phone(browser());
        seen("activity-phone");
        Chromium.desktop(browser());
        assertNoAlert();
        assertNoConsoleErrors();
    }

    /**
     * The landing page after the IdP pushed: the counts, the day's chart, the rate limit; then a
     * second push shows on the open page without a reload, as an onboarding burst would.
     */
    @Test
    void theOverviewCountsWhatTheIdpPushedAndFollowsAPushLive() throws IOException {
        String tenant = newTenant("browser-overview");
        ScimClient idp = new ScimClient(http, tenant, newToken(tenant, "okta-prod").get("token").stringValue());
        String ada = idp.createUser("ada@example.com");
        idp.createUser("grace@example.com");
        idp.createUser("linus@example.com");
        idp.patch("/Users/" + ada, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}
                """).expectStatus().is2xxSuccessful();
        idp.post("/Groups", "{\"displayName\":\"Engineers\",\"members\":[{\"value\":\"" + ada + "\"}]}")
                .expectStatus().isCreated();
        idp.get("/Users?filter=" + java.net.URLEncoder.encode("userName zz", StandardCharsets.UTF_8).replace("+", "%20"))
                .expectStatus().isBadRequest();
        signIn(newAdminKey(tenant, "alice").get("key").stringValue());

        assertThat(browser().getCurrentUrl()).endsWith("/console/tenants/" + tenant + "/overview");
        assertThat(browser().findElement(By.id("users-count")).getText()).isEqualTo("3");
        assertThat(browser().findElement(By.id("active-count")).getText()).isEqualTo("2");
        assertThat(browser().findElement(By.id("deactivated-count")).getText()).isEqualTo("1");
        assertThat(browser().findElement(By.id("groups-count")).getText()).isEqualTo("1");
        assertThat(browser().findElement(By.id("day-totals")).getText()).contains("4 created").contains("1 deactivated");
        assertThat(browser().findElements(By.cssSelector("#activity-chart rect.bar-created"))).isNotEmpty();
        assertThat(browser().findElement(By.id("write-usage")).getDomAttribute("value")).isNotBlank();
        seen("overview");
        browser().executeScript("document.getElementById('chart-heading').scrollIntoView()");
        seen("overview-chart");
        Chromium.phone(browser());
        seen("overview-phone");
        Chromium.desktop(browser());

        for (int i = 0; i < 4; i++) {
            idp.createUser("burst" + i + "@example.com");
        }
        // No reload: the page polls its figures, which the server counts again at most every few seconds.
        new WebDriverWait(browser(), Duration.ofSeconds(40)).until(d -> d.findElement(By.id("users-count")).getText()
                .equals("7"));
        assertThat(browser().findElement(By.id("progress")).getText()).contains("+4 users");
        assertThat(browser().findElement(By.id("active-count")).getText()).isEqualTo("6");
        assertNoAlert();
        assertNoConsoleErrors();
    }

    /** Connect: the base URL, each IdP's steps, and a token's first request showing as it arrives. */
    @Test
    void theConnectPageShowsTheIdpsFirstRequestArrive() throws IOException {
        String tenant = newTenant("browser-connect");
        String token = newToken(tenant, "entra").get("token").stringValue();
        signIn(newAdminKey(tenant, "alice").get("key").stringValue());
        browser().findElement(By.linkText("Connect")).click();
        assertThat(browser().findElement(By.id("base-url")).getDomProperty("value")).isEqualTo(origin() + "/scim/v2");
        assertThat(browser().findElements(By.tagName("h2"))).extracting(WebElement::getText)
                .contains("Okta", "Microsoft Entra ID", "OneLogin", "JumpCloud");
        WebElement lastSeen = browser().findElement(By.cssSelector("#last-seen tr[data-token-id] .last-used"));
        assertThat(lastSeen.getText()).isEqualTo("never");

        // Entra's Test Connection: a filter that matches nobody.
        new ScimClient(http, tenant, token).get("/Users?filter=userName%20eq%20%22nobody%22").expectStatus().isOk();
        new WebDriverWait(browser(), Duration.ofSeconds(15)).until(d -> d.findElement(
                By.cssSelector("#last-seen tr[data-token-id] .last-used")).getText().startsWith("just now"));
        assertThat(browser().findElement(By.id("token-activity")).getText()).contains("entra");
        seen("connect");
        Chromium.phone(browser());
        seen("connect-phone");
        Chromium.desktop(browser());
        assertNoConsoleErrors();
    }

    /** A tenant admin registers an extension schema from the console and removes it; reads its rate limits. */
    @Test
    void aTenantAdminManagesExtensionSchemasAndReadsItsLimits() throws IOException {
        String tenant = newTenant("browser-schemas");
        signIn(newAdminKey(tenant, "alice").get("key").stringValue());
        browser().findElement(By.linkText("Extension schemas")).click();
        seen("schemas-empty");
        String urn = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";
        WebElement document = browser().findElement(By.id("schema-document"));
        document.sendKeys("{\"id\":\"" + urn + "\",\"name\":\"" + XSS + "\",\"resourceType\":\"User\","
                + "\"attributes\":[{\"name\":\"costCode\",\"type\":\"string\"}]}");
        browser().findElement(By.id("register-schema")).click();
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("#schemas td.urn")).isEmpty());
        assertThat(browser().findElement(By.cssSelector("#schemas td.urn")).getText()).isEqualTo(urn);
        assertThat(browser().findElement(By.cssSelector("#schemas td.name")).getText()).isEqualTo(XSS);
        assertThat(browser().findElements(By.cssSelector("#schemas td img"))).isEmpty();
        seen("schemas");
        browser().findElement(By.cssSelector("#schemas a.danger")).click();
        assertThat(browser().findElement(By.id("remove-urn")).getText()).isEqualTo(urn);
        seen("schema-remove");
        browser().findElement(By.id("confirm-remove")).click();
        new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#schemas td.urn"))
                .isEmpty());

        browser().findElement(By.linkText("Rate limits")).click();
        assertThat(browser().findElement(By.id("read-only")).getText()).contains("Read-only");
        assertThat(browser().findElements(By.id("limits-form"))).isEmpty();
        seen("limits-read-only");
        assertNoAlert();
        assertNoConsoleErrors();
    }

    /** The operator sets a tenant's rate limits from the console; the admin API answers with them. */
    @Test
    void theOperatorSetsATenantsRateLimits() throws IOException {
        String tenant = newTenant("browser-limits");
        signIn(ADMIN_TOKEN);
        browser().findElement(By.cssSelector("#tenants a[href$='/" + tenant + "/limits']")).click();
        WebElement rate = browser().findElement(By.id("write-per-second"));
        rate.clear();
        rate.sendKeys("12.5");
        WebElement burst = browser().findElement(By.id("write-burst"));
        burst.clear();
        burst.sendKeys("40", Keys.ENTER);
        assertThat(browser().findElement(By.id("limits-saved")).getText()).contains("Saved");
        seen("limits");
        admin(http.get().uri("/admin/v1/tenants/{t}/limits", tenant)).exchange().expectBody()
                .jsonPath("$.write.perSecond").isEqualTo(12.5).jsonPath("$.write.burst").isEqualTo(40.0);
        assertNoConsoleErrors();
    }

    @Test
    void textShowsAsTextNeverAsMarkup() throws IOException {
        String tenant = newTenant("browser-xss");
        signIn(newAdminKey(tenant, "alice").get("key").stringValue());
        open("/console/tenants/" + tenant + "/tokens");
        browser().findElement(By.id("token-name")).sendKeys(XSS);
        browser().findElement(By.id("generate")).click();
        browser().findElement(By.id("back")).click();
        assertThat(row(XSS).findElement(By.className("name")).getText()).isEqualTo(XSS);
        assertThat(browser().findElements(By.cssSelector("td img"))).isEmpty();
        assertNoAlert();
    }

    @Test
    void aCrossSiteFormPostIsRefused() throws IOException {
        String tenant = newTenant("browser-csrf");
        signIn(newAdminKey(tenant, "alice").get("key").stringValue());
        // Another site (another origin: 127.0.0.1 against the console's localhost) whose page posts to the console.
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String page = "<!doctype html><form id=f method=post action=\"" + origin() + "/console/tenants/" + tenant
                + "/tokens\"><input name=name value=evil><input name=scope value=scim></form>"
                + "<script>document.getElementById('f').submit()</script>";
        attacker.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();
        try {
            browser().get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
            new WebDriverWait(browser(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().startsWith(origin()));
            assertThat(browser().findElement(By.tagName("body")).getText()).doesNotContain("Token created").contains("CSRF");
            seen("cross-site-post-refused");
        } finally {
            attacker.stop(0);
        }
        admin(http.get().uri("/admin/v1/tenants/{t}/tokens", tenant)).exchange().expectBody().json("[]");
    }

    @Test
    void aTenantAdminCannotOpenAnotherTenantsPagesNorApi() throws IOException {
        String own = newTenant("browser-a");
        String other = newTenant("browser-b");
        String theirToken = newToken(other, "theirs").get("id").stringValue();
        String key = newAdminKey(own, "alice").get("key").stringValue();
        signIn(key);

        for (String path : new String[] {"/console/tenants/" + other + "/tokens",
                "/console/tenants/" + other + "/tokens/" + theirToken + "/revoke", "/console/tenants"}) {
            open(path);
            assertThat(browser().findElement(By.id("error-detail")).getText()).contains("You may not do that here");
        }
        seen("forbidden");
        http.get().uri("/admin/v1/tenants/{t}/tokens", other).header("Authorization", "Bearer " + key).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void aRevokedAdminKeyEndsItsSessionsWithinASecond() {
        String tenant = newTenant("browser-revoked");
        JsonNode key = newAdminKey(tenant, "alice");
        signIn(key.get("key").stringValue());
        assertThat(browser().getCurrentUrl()).endsWith("/overview");

        admin(http.delete().uri("/admin/v1/tenants/{t}/admin-keys/{id}", tenant, key.get("id").stringValue()))
                .exchange().expectStatus().isNoContent();
        long revokedAt = System.nanoTime();
        browser().navigate().refresh();
        assertThat(browser().findElements(By.id("key"))).as("the sign-in form").hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(1).plusMillis(500));
    }

    @Test
    void wrongKeySaysSoAndKeepsTheFormUsable() throws IOException {
        open("/console/");
        browser().findElement(By.id("key")).sendKeys("sgak_wrong");
        browser().findElement(By.id("sign-in")).click();
        assertThat(browser().findElement(By.id("sign-in-error")).getText()).contains("not valid");
        seen("sign-in-failed");
    }

    /** A page as a person sees it: a screenshot under target/, and no serious or critical axe-core violation. */
    private void seen(String name) throws IOException {
        Chromium.screenshot(browser(), name);
        Axe.assertNoSeriousViolations(browser(), name);
    }

    private void signIn(String key) {
        open("/console/");
        browser().findElement(By.id("key")).sendKeys(key);
        browser().findElement(By.id("sign-in")).click();
        // The click only starts the form's navigation; a busy machine answers after the next line runs.
        new WebDriverWait(browser(), Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("/console/tenants")
                || d.getCurrentUrl().endsWith("/sign-in"));
    }

    private WebElement row(String name) {
        return browser().findElements(By.cssSelector("#tokens tbody tr")).stream()
                .filter(row -> !row.findElements(By.className("name")).isEmpty()
                        && row.findElement(By.className("name")).getText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("No token row named " + name));
    }

    private void open(String path) {
        browser().get(origin() + path);
    }

    private String origin() {
        return "http://localhost:" + port;
    }

    private void assertNoAlert() {
        try {
            browser().switchTo().alert();
            throw new AssertionError("A script ran and opened an alert");
        } catch (NoAlertPresentException expected) {
            // No script of the page's text ran.
        }
    }

    /** The browser()'s console: no CSP violation, no failed script, nothing logged at SEVERE. */
    private void assertNoConsoleErrors() {
        var errors = browser().manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(Object::toString).toList();
        assertThat(errors).isEmpty();
    }
}
