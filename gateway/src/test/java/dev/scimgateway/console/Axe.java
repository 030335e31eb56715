package dev.scimgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core, run in the page the browser shows: the accessibility rules of WCAG 2.x that a machine
 * can check. The script comes from a test dependency on Maven Central (Deque's axe-core jar for
 * Selenium, whose {@code axe.min.js} is all that is used) and is injected by the test; the gateway
 * never serves it, and the page's CSP does not apply to a script the driver runs.
 */
final class Axe {

    private static final String SCRIPT = load();

    /** Runs every rule on the whole page; answers one line per violation of impact serious or critical. */
    private static final String RUN = """
            var done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] }).then(function (result) {
              done(result.violations
                .filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                .map(function (v) {
                  return v.impact + ' ' + v.id + ': ' + v.help + ' at '
                    + v.nodes.map(function (n) { return n.target.join(' ') + ' (' + n.failureSummary + ')'; }).join('; ');
                }));
            }, function (error) { done(['axe failed: ' + error]); });
            """;

    private Axe() {}

    /** Fails when axe finds a serious or critical violation on the page now shown. */
    static void assertNoSeriousViolations(ChromeDriver browser, String page) {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        browser.executeScript(SCRIPT);
        @SuppressWarnings("unchecked")
        List<Object> violations = (List<Object>) browser.executeAsyncScript(RUN);
        assertThat(violations).as("axe-core on the %s page (%s)", page, browser.getCurrentUrl()).isEmpty();
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is missing from the test class path"
                        + " (test dependency com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
