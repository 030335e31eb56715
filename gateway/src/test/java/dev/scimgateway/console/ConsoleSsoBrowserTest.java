package dev.scimgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.FakeOpenIdProvider;
import dev.scimgateway.support.GatewayTest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

/**
 * Single sign-on in headless Chromium, with the provider on another site than the console (the
 * console at {@code localhost}, the provider at {@code 127.0.0.1}): the pending sign-in's cookie
 * must come back with the provider's cross-site answer, and the Strict session cookie must be sent
 * once the browser moves on from the "Signed in" page, as real browsers decide it, not as a test
 * client would.
 */
class ConsoleSsoBrowserTest extends GatewayTest {

    private static FakeOpenIdProvider provider;

    @LocalServerPort
    private int port;

    @RegisterExtension
    final Chromium.PerTest chromium = new Chromium.PerTest();

    @BeforeAll
    static void startProvider() {
        provider = new FakeOpenIdProvider("127.0.0.1");
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    private ChromeDriver browser() {
        return chromium.driver();
    }

    @Test
    void anAdminSignsInThroughTheProviderFromTheSignInPage() throws IOException {
        String tenant = newTenant("sso-browser");
        admin(http.put().uri("/admin/v1/tenants/{t}/oidc", tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("issuer", provider.issuer(), "clientId", FakeOpenIdProvider.CLIENT_ID,
                        "clientSecret", FakeOpenIdProvider.CLIENT_SECRET, "displayName", "Example Okta",
                        "allowedDomains", List.of("example.com")))).exchange().expectStatus().isOk();
        provider.signInAs("alice@example.com");

        browser().get("http://localhost:" + port + "/console/");
        browser().findElement(By.id("sso-tenant")).sendKeys(tenant);
        browser().findElement(By.id("sso-find")).click();
        new WebDriverWait(browser(), Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("sso-sign-in")).isEmpty());
        assertThat(browser().findElement(By.id("sso-sign-in")).getText()).isEqualTo("Sign in with Example Okta");
        Chromium.screenshot(browser(), "sso-sign-in");
        Axe.assertNoSeriousViolations(browser(), "sso-sign-in");
        browser().findElement(By.id("sso-sign-in")).click();

        new WebDriverWait(browser(), Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/console/tenants/"
                + tenant + "/overview"));
        assertThat(browser().findElement(By.tagName("h1")).getText()).contains("Overview");
        assertThat(browser().findElement(By.className("who")).getText()).contains("alice@example.com");

        browser().get("http://localhost:" + port + "/console/tenants/" + tenant + "/sso");
        assertThat(browser().findElement(By.id("redirect-uri")).getText()).endsWith("/console/sso/" + tenant + "/callback");
        Chromium.screenshot(browser(), "sso-settings");
        Axe.assertNoSeriousViolations(browser(), "sso-settings");
        var errors = browser().manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(Object::toString).toList();
        assertThat(errors).isEmpty();
    }
}
