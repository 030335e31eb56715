package dev.scimgateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.chrome.ChromeDriver;

/** The accessibility check can fail: axe-core finds what a page lacks, and passes what it does not. */
class AxeTest {

    @RegisterExtension
    final Chromium.PerTest chromium = new Chromium.PerTest();

    private ChromeDriver browser() {
        return chromium.driver();
    }

    @Test
    void anUnlabelledFieldAndAnImageWithoutTextAreSeriousViolations() {
        show("<form><input type=text name=q></form><img src=data:,>");
        assertThatThrownBy(() -> Axe.assertNoSeriousViolations(browser(), "bad"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("critical label").hasMessageContaining("critical image-alt");
    }

    @Test
    void aLabelledFieldPasses() {
        show("<main><h1>Fine</h1><form><label for=q>Search</label><input id=q type=text name=q></form></main>");
        Axe.assertNoSeriousViolations(browser(), "good");
        assertThat(browser().getTitle()).isEqualTo("t");
    }

    private void show(String body) {
        String page = "<!doctype html><html lang=en><head><title>t</title></head><body>" + body + "</body></html>";
        browser().get("data:text/html;charset=utf-8," + URLEncoder.encode(page, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
