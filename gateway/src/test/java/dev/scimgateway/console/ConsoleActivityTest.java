package dev.scimgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.HtmlUtils;

/** The activity page over plain HTTP: refusals highlighted with their detail, filters, exports, one tenant only. */
class ConsoleActivityTest extends GatewayTest {

    private static final Pattern CSV_LINK = Pattern.compile("href=\"([^\"]+)\" id=\"export-csv\"");

    @LocalServerPort
    private int port;

    private static String activityPage(ConsoleVisitor browser, String tenant, String query, String awaited) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        String page;
        do {
            page = browser.get("/console/tenants/" + tenant + "/activity" + query).getResponseBody();
        } while (!page.contains(awaited) && Instant.now().isBefore(deadline));
        return page;
    }

    @Test
    void refusedRequestsShowWithTheirDetailEscapedAndExport() {
        ScimClient idp = newScimClient("console-activity");
        ScimClient other = newScimClient("console-other");
        String missing = UUID.randomUUID().toString();
        idp.get("/Users/" + missing).expectStatus().isNotFound();
        String detail = ScimClient.body(idp.get("/Users?filter=%3Cimg%20src=x%20onerror=alert(1)%3E")
                .expectStatus().isBadRequest()).get("detail").stringValue();
        ConsoleVisitor browser = new ConsoleVisitor(port, "127.0.0.1");
        browser.signIn(newAdminKey(idp.tenantId(), "alice").get("key").stringValue());

        String page = activityPage(browser, idp.tenantId(), "", "/scim/v2/Users/" + missing);
        assertThat(page).contains("aria-current=\"page\">Activity<").contains("class=\"activity-error\"")
                .contains("GET /scim/v2/Users/" + missing).contains(">404 <")
                .contains("User " + missing).contains("<td class=\"activity-token\" data-label=\"Token\">idp</td>");
        assertThat(page).contains(HtmlUtils.htmlEscape(detail));
        if (detail.contains("<img")) {
            assertThat(page).doesNotContain(detail);
        }

        String notFoundOnly = browser.get("/console/tenants/" + idp.tenantId() + "/activity?kind=error&outcome=404")
                .getResponseBody();
        assertThat(notFoundOnly).contains(missing).doesNotContain(HtmlUtils.htmlEscape(detail))
                .contains("value=\"error\" selected");
        Matcher csv = CSV_LINK.matcher(notFoundOnly);
        assertThat(csv.find()).isTrue();
        EntityExchangeResult<String> export = browser.get(HtmlUtils.htmlUnescape(csv.group(1)));
        assertThat(export.getStatus().value()).isEqualTo(200);
        assertThat(export.getResponseHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(export.getResponseBody().lines().toList()).hasSize(2)
                .first().asString().startsWith("id,at,kind");
        assertThat(export.getResponseBody()).contains(missing);

        EntityExchangeResult<String> bad = browser.get("/console/tenants/" + idp.tenantId() + "/activity?outcome=ok");
        assertThat(bad.getStatus().value()).isEqualTo(400);
        assertThat(bad.getResponseBody()).contains("&#39;outcome&#39; must be");
        assertThat(browser.get("/console/tenants/" + other.tenantId() + "/activity").getStatus().value())
                .isEqualTo(403);
        assertThat(browser.get("/console/tenants/" + other.tenantId() + "/activity/export?format=csv").getStatus()
                .value()).isEqualTo(403);
    }
}
