package dev.scimgateway.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's packages ({@code chromium}, {@code chromium-driver}), driven by
 * Selenium through {@code /usr/bin/chromedriver}. Nothing is downloaded: without the packages the
 * browser tests are skipped with a loud message, or fail under {@code CI=true}, where .ci/run
 * installs them.
 */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private Chromium() {}

    /**
     * A fresh browser for each test, quit after it: {@code @RegisterExtension final Chromium.PerTest
     * chromium = new Chromium.PerTest();} in a test class, then {@code chromium.driver()}.
     */
    static final class PerTest implements BeforeEachCallback, AfterEachCallback {

        private @Nullable ChromeDriver driver;

        ChromeDriver driver() {
            if (driver == null) {
                throw new IllegalStateException("The browser starts before each test");
            }
            return driver;
        }

        @Override
        public void beforeEach(ExtensionContext context) throws IOException {
            requireInstalled();
            driver = start();
        }

        @Override
        public void afterEach(ExtensionContext context) {
            if (driver != null) {
                driver.quit();
                driver = null;
            }
        }
    }

    /** Skips (or, under CI, fails) the calling test when Debian's chromium and chromedriver are missing. */
    static void requireInstalled() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        String message = "BROWSER TESTS SKIPPED: " + BROWSER + " or " + DRIVER + " is missing."
                + " Install them with: apt-get install -y chromium chromium-driver";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: .ci/run should have installed them)");
        }
        System.err.println("\n" + "*".repeat(100) + "\n*** " + message + "\n" + "*".repeat(100) + "\n");
        Assumptions.abort(message);
    }

    static ChromeDriver start() throws IOException {
        Path profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--disable-quic", "--user-data-dir=" + profile);
        // The page's console messages, so a test can check that there are no errors (CSP violations included).
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // A click that submits a form returns before the next page may be there; looking up an element waits for it.
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        desktop(driver);
        return driver;
    }

    static void desktop(ChromeDriver driver) {
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    static void phone(ChromeDriver driver) {
        driver.manage().window().setSize(new Dimension(390, 844));
    }

    static void screenshot(ChromeDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
