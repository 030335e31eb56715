package dev.scimgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/** Users and Groups over plain HTTP: read-only pages, keyset paging, escaping, and nothing of another tenant. */
class ConsoleDirectoryTest extends GatewayTest {

    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" id=\"next-page\"");

    @LocalServerPort
    private int port;

    @Test
    void anotherTenantsUsersAndGroupsCannotBeOpenedByUrlOrId() {
        ScimClient mine = newScimClient("dir-own");
        ScimClient theirs = newScimClient("dir-other");
        String user = theirs.createUser("theirs@example.com");
        String group = ScimClient.body(theirs.post("/Groups", "{\"displayName\":\"Their group\",\"members\":[{\"value\":\""
                + user + "\"}]}").expectStatus().isCreated()).get("id").stringValue();
        ConsoleVisitor browser = new ConsoleVisitor(port, "127.0.0.1");
        browser.signIn(newAdminKey(mine.tenantId(), "alice").get("key").stringValue());

        assertThat(browser.get("/console/tenants/" + mine.tenantId() + "/users").getStatus().value()).isEqualTo(200);
        for (String path : new String[] {"/users", "/users/" + user, "/groups", "/groups/" + group}) {
            assertThat(browser.get("/console/tenants/" + theirs.tenantId() + path).getStatus().value()).as(path)
                    .isEqualTo(403);
        }
        // Their ids under one's own tenant name nothing of one's own.
        for (String path : new String[] {"/users/" + user, "/groups/" + group, "/users/not-an-id"}) {
            EntityExchangeResult<String> page = browser.get("/console/tenants/" + mine.tenantId() + path);
            assertThat(page.getStatus().value()).as(path).isEqualTo(404);
            assertThat(page.getResponseBody()).doesNotContain("theirs@example.com").doesNotContain("Their group");
        }
        String search = browser.get("/console/tenants/" + mine.tenantId() + "/users?q=theirs").getResponseBody();
        assertThat(search).contains("No user matches").doesNotContain("theirs@example.com");
        assertThat(browser.get("/console/tenants/" + mine.tenantId() + "/groups").getResponseBody())
                .doesNotContain("Their group");
    }

    @Test
    void usersPageByKeyAndAGroupShowsItsMembersAndCount() {
        ScimClient c = newScimClient("dir-pages");
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < DirectoryPages.PAGE + 3; i++) {
            String id = c.createUser("user%03d@example.com".formatted(i));
            members.append(i == 0 ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
        }
        String group = ScimClient.body(c.post("/Groups", "{\"displayName\":\"<b>Staff</b>\",\"members\":[" + members + "]}")
                .expectStatus().isCreated()).get("id").stringValue();
        ConsoleVisitor browser = new ConsoleVisitor(port, "127.0.0.1");
        browser.signIn(newAdminKey(c.tenantId(), "alice").get("key").stringValue());

        String first = browser.get("/console/tenants/" + c.tenantId() + "/users").getResponseBody();
        assertThat(first).contains("Read-only").contains("user000@example.com").contains("user049@example.com")
                .doesNotContain("user050@example.com");
        String second = browser.get(next(first)).getResponseBody();
        assertThat(second).contains("user050@example.com").contains("user052@example.com")
                .doesNotContain("user049@example.com").doesNotContain("id=\"next-page\"");

        String groups = browser.get("/console/tenants/" + c.tenantId() + "/groups").getResponseBody();
        assertThat(groups).contains("&lt;b&gt;Staff&lt;/b&gt;").doesNotContain("<b>Staff</b>")
                .contains("<td class=\"members\" data-label=\"Members\">" + (DirectoryPages.PAGE + 3) + "</td>");
        String groupPage = browser.get("/console/tenants/" + c.tenantId() + "/groups/" + group).getResponseBody();
        assertThat(groupPage).contains("Read-only").contains(">" + (DirectoryPages.PAGE + 3) + "<");
        assertThat(groupPage.split("class=\"member-name\"")).hasSize(DirectoryPages.PAGE + 1);
        String rest = browser.get(next(groupPage)).getResponseBody();
        assertThat(rest.split("class=\"member-name\"")).hasSize(4);
        assertThat(browser.get("/console/tenants/" + c.tenantId() + "/groups/" + group + "?after=nonsense")
                .getStatus().value()).isEqualTo(400);
    }

    private static String next(String page) {
        Matcher link = NEXT.matcher(page);
        assertThat(link.find()).as("a next page link").isTrue();
        // The link is HTML-escaped and URL-encoded; the client encodes again, so it gets the link as a browser reads it.
        return UriUtils.decode(HtmlUtils.htmlUnescape(link.group(1)), StandardCharsets.UTF_8);
    }
}
