package dev.scimgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Overview, Connect, Rate limits and Extension schemas pages over plain HTTP: what they show,
 * who may open and change what, CSRF on every form, and IdP or admin text shown as text.
 */
class ConsoleTenantPagesTest extends GatewayTest {

    private static final String XSS = "<img src=x onerror=alert(1)>";
    private static final String URN = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";
    private static final Pattern CELL = Pattern.compile("id=\"(users|active|deactivated|groups)-count\">(\\d+)<");
    /** XSS as the templates escape it (JMustache escapes = as well as <, >, &, quotes). */
    private static final String XSS_ESCAPED = "&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    private static String schema(String name) {
        return """
                {"id":"%s","name":"%s","resourceType":"User",
                 "attributes":[{"name":"costCode","type":"string"},{"name":"level","type":"integer"}]}
                """.formatted(URN, name.replace("\"", "\\\""));
    }

    @Test
    void theOverviewCountsWhatTheIdpPushedAndItsDay() {
        ScimClient idp = newScimClient("overview");
        String ada = idp.createUser("ada@example.com");
        idp.createUser("grace@example.com");
        String linus = idp.createUser("linus@example.com");
        idp.patch("/Users/" + linus, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Linus"}]}
                """).expectStatus().is2xxSuccessful();
        idp.patch("/Users/" + ada, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}
                """).expectStatus().is2xxSuccessful();
        idp.post("/Groups", "{\"displayName\":\"Engineers\",\"members\":[{\"value\":\"" + ada + "\"}]}")
                .expectStatus().isCreated();
        idp.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"grace@example.com\"}")
                .expectStatus().isEqualTo(409);
        ConsoleVisitor browser = new ConsoleVisitor(port, "127.0.0.1");
        EntityExchangeResult<String> signedIn = browser.signIn(newAdminKey(idp.tenantId(), "alice").get("key").stringValue());
        assertThat(browser.get(signedIn.getResponseHeaders().getLocation().toString()).getResponseHeaders().getLocation())
                .as("a tenant admin lands on the Overview").hasToString("/console/tenants/" + idp.tenantId() + "/overview");

        String page = browser.get("/console/tenants/" + idp.tenantId() + "/overview").getResponseBody();
        assertThat(counts(page)).containsExactly("users=3", "active=2", "deactivated=1", "groups=1");
        assertThat(page).contains("aria-current=\"page\">Overview<").contains("<svg id=\"activity-chart\"")
                .contains("role=\"img\"").doesNotContain("<script>");
        // Three creates and a group's, the deactivation, one refusal (written behind the request, so maybe not yet).
        assertThat(page).containsPattern("4 created · .*1 updated · .*1 deactivated, 0 deleted");
        assertThat(page).contains("rect class=\"bar bar-created\"").contains("UTC: 4 created");
        assertThat(page).contains("id=\"write-usage\"").containsPattern("value=\"\\d+\"");

        EntityExchangeResult<String> figures = browser.get("/console/tenants/" + idp.tenantId() + "/overview/figures");
        assertThat(figures.getStatus().value()).isEqualTo(200);
        assertThat(figures.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        assertThat(figures.getResponseHeaders().getCacheControl()).contains("no-store");
        JsonNode body = JSON.readTree(figures.getResponseBody()).get("figures");
        assertThat(body.get("users").asLong()).isEqualTo(3);
        assertThat(body.get("deactivated").asLong()).isEqualTo(1);
        assertThat(body.get("groups").asLong()).isEqualTo(1);
        assertThat(body.get("write").get("perSecond").asDouble()).isPositive();
    }

    @Test
    void aTenantAdminOfOneTenantCannotOpenAnothersPages() {
        String own = newTenant("pages-a");
        String other = newTenant("pages-b");
        ConsoleVisitor browser = new ConsoleVisitor(port, "127.0.0.1");
        browser.signIn(newAdminKey(own, "alice").get("key").stringValue());
        for (String page : new String[] {"/overview", "/overview/figures", "/connect", "/limits", "/schemas",
                "/schemas/remove?urn=" + URN}) {
            // One's own: every page opens; the removal of a schema it does not have is a 404, not a 403.
            assertThat(browser.get("/console/tenants/" + own + page).getStatus().value()).as(page)
                    .isEqualTo(page.contains("remove") ? 404 : 200);
            EntityExchangeResult<String> theirs = browser.get("/console/tenants/" + other + page);
            assertThat(theirs.getStatus().value()).as(page).isEqualTo(403);
            assertThat(theirs.getResponseBody()).contains("You may not do that here");
        }
        browser.get("/console/tenants/" + own + "/schemas");
        assertThat(browser.post("/console/tenants/" + other + "/schemas", "document", schema("Theirs")).getStatus().value())
                .isEqualTo(403);
        assertThat(browser.post("/console/tenants/" + other + "/limits", "readPerSecond", "1", "readBurst", "1",
                "writePerSecond", "1", "writeBurst", "1").getStatus().value()).isEqualTo(403);
        admin(http.get().uri("/admin/v1/tenants/{t}/schemas", other)).exchange().expectBody().json("[]");
    }

    @Test
    void theConnectPageGivesTheBaseUrlTheStepsAndEachTokensLastRequest() {
        String tenant = newTenant("connect");
        String token = newToken(tenant, XSS).get("token").stringValue();
        newToken(tenant, "unused");
        new ScimClient(http, tenant, token).get("/Users").expectStatus().isOk();
        ConsoleVisitor browser = new ConsoleVisitor(port, "127.0.0.1");
        browser.signIn(newAdminKey(tenant, "alice").get("key").stringValue());

        String page = browser.get("/console/tenants/" + tenant + "/connect").getResponseBody();
        assertThat(page).contains("id=\"base-url\" value=\"http://127.0.0.1:" + port + "/scim/v2\"")
                .contains(">Okta<").contains(">Microsoft Entra ID<").contains(">OneLogin<").contains(">JumpCloud<")
                .contains("<strong>Unique identifier field for users</strong>: <code>userName</code>")
                .contains("data-last-used=\"/console/tenants/" + tenant + "/tokens/last-used\"");
        assertThat(page).contains(XSS_ESCAPED).doesNotContain(XSS);
        String used = page.substring(page.indexOf(XSS_ESCAPED));
        assertThat(used.substring(0, used.indexOf("</tr>"))).contains("just now").contains("UTC");
        String unused = page.substring(page.indexOf(">unused<"));
        assertThat(unused.substring(0, unused.indexOf("</tr>"))).contains("never");
        assertThat(browser.get("/console/tenants/" + tenant + "/tokens").getResponseBody())
                .contains("href=\"/console/tenants/" + tenant + "/connect\"");
    }

    @Test
    void theOperatorSetsLimitsItsTenantAdminsReadThem() {
        String tenant = newTenant("limits");
        String defaults = limits(tenant);
        ConsoleVisitor operator = new ConsoleVisitor(port, "127.0.0.1");
        operator.signIn(ADMIN_TOKEN);
        String form = operator.get("/console/tenants/" + tenant + "/limits").getResponseBody();
        assertThat(form).contains("id=\"limits-form\"").contains("uses the gateway's default limits");

        // A form from another site carries no CSRF token.
        assertThat(operator.postWithoutCsrf("/console/tenants/" + tenant + "/limits", "readPerSecond", "7", "readBurst", "9",
                "writePerSecond", "3", "writeBurst", "5").getStatus().value()).isEqualTo(403);
        EntityExchangeResult<String> bad = operator.post("/console/tenants/" + tenant + "/limits", "readPerSecond", "fast",
                "readBurst", "9", "writePerSecond", "3", "writeBurst", "5");
        assertThat(bad.getStatus().value()).isEqualTo(400);
        assertThat(bad.getResponseBody()).contains("must be a number, not &#39;fast&#39;");
        assertThat(operator.post("/console/tenants/" + tenant + "/limits", "readPerSecond", "7", "readBurst", "0.5",
                "writePerSecond", "3", "writeBurst", "5").getStatus().value()).isEqualTo(400);
        assertThat(limits(tenant)).isEqualTo(defaults);

        EntityExchangeResult<String> saved = operator.post("/console/tenants/" + tenant + "/limits", "readPerSecond", "7",
                "readBurst", "9", "writePerSecond", "2.5", "writeBurst", "5");
        assertThat(saved.getStatus().value()).isEqualTo(200);
        assertThat(saved.getResponseBody()).contains("id=\"limits-saved\"").contains("has limits of its own")
                .contains("value=\"2.5\"");
        String set = "{\"read\":{\"perSecond\":7.0,\"burst\":9.0},\"write\":{\"perSecond\":2.5,\"burst\":5.0}}";
        assertThat(JSON.readTree(limits(tenant))).isEqualTo(JSON.readTree(set));

        ConsoleVisitor tenantAdmin = new ConsoleVisitor(port, "127.0.0.1");
        tenantAdmin.signIn(newAdminKey(tenant, "alice").get("key").stringValue());
        String readOnly = tenantAdmin.get("/console/tenants/" + tenant + "/limits").getResponseBody();
        assertThat(readOnly).contains("id=\"read-only\"").contains("7 a second, burst 9").doesNotContain("limits-form");
        assertThat(tenantAdmin.post("/console/tenants/" + tenant + "/limits", "readPerSecond", "1000", "readBurst", "1000",
                "writePerSecond", "1000", "writeBurst", "1000").getStatus().value()).isEqualTo(403);
        assertThat(JSON.readTree(limits(tenant))).isEqualTo(JSON.readTree(set));
    }

    private String limits(String tenant) {
        return admin(http.get().uri("/admin/v1/tenants/{t}/limits", tenant)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void aTenantAdminRegistersListsAndRemovesAnExtensionSchema() {
        String tenant = newTenant("schemas");
        ConsoleVisitor browser = new ConsoleVisitor(port, "127.0.0.1");
        browser.signIn(newAdminKey(tenant, "alice").get("key").stringValue());
        assertThat(browser.get("/console/tenants/" + tenant + "/schemas").getResponseBody()).contains("No extension schema");

        assertThat(browser.postWithoutCsrf("/console/tenants/" + tenant + "/schemas", "document", schema("Acme"))
                .getStatus().value()).isEqualTo(403);
        EntityExchangeResult<String> notJson = browser.post("/console/tenants/" + tenant + "/schemas", "document", "{" + XSS);
        assertThat(notJson.getStatus().value()).isEqualTo(400);
        assertThat(notJson.getResponseBody()).contains("not JSON").contains("{" + XSS_ESCAPED)
                .doesNotContain(XSS);
        EntityExchangeResult<String> invalid = browser.post("/console/tenants/" + tenant + "/schemas", "document",
                "{\"id\":\"urn:ietf:params:scim:schemas:extension:acme:2.0:User\",\"attributes\":[]}");
        assertThat(invalid.getStatus().value()).isEqualTo(400);
        assertThat(invalid.getResponseBody()).contains("&#39;attributes&#39; must be an array");

        EntityExchangeResult<String> registered = browser.post("/console/tenants/" + tenant + "/schemas", "document",
                schema(XSS));
        assertThat(registered.getStatus().value()).isEqualTo(303);
        String list = browser.get("/console/tenants/" + tenant + "/schemas").getResponseBody();
        assertThat(list).contains(URN).contains("costCode, level").contains(XSS_ESCAPED).doesNotContain(XSS);
        admin(http.get().uri("/admin/v1/tenants/{t}/schemas", tenant)).exchange().expectBody()
                .jsonPath("$[0].id").isEqualTo(URN);
        // The IdP can use it at once.
        ScimClient idp = new ScimClient(http, tenant, newToken(tenant, "okta").get("token").stringValue());
        idp.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],"userName":"ada@example.com",
                 "%s":{"costCode":"CC-7"}}""".formatted(URN, URN)).expectStatus().isCreated()
                .expectBody().jsonPath("$['" + URN + "'].costCode").isEqualTo("CC-7");

        String confirm = browser.get("/console/tenants/" + tenant + "/schemas/remove?urn=" + URN).getResponseBody();
        assertThat(confirm).contains("id=\"remove-urn\">" + URN + "<");
        assertThat(browser.postWithoutCsrf("/console/tenants/" + tenant + "/schemas/remove", "urn", URN).getStatus().value())
                .isEqualTo(403);
        assertThat(browser.post("/console/tenants/" + tenant + "/schemas/remove", "urn", URN).getStatus().value())
                .isEqualTo(303);
        admin(http.get().uri("/admin/v1/tenants/{t}/schemas", tenant)).exchange().expectBody().json("[]");
        assertThat(browser.get("/console/tenants/" + tenant + "/schemas/remove?urn=" + URN).getStatus().value())
                .isEqualTo(404);
    }

    private static java.util.List<String> counts(String page) {
        Matcher cell = CELL.matcher(page);
        java.util.List<String> found = new java.util.ArrayList<>();
        while (cell.find()) {
            found.add(cell.group(1) + "=" + cell.group(2));
        }
        return found;
    }
}
