package dev.zweig.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sample in a real browser: headless Chromium driven by chromedriver, both from Debian's packages
 * ({@code apt-get install chromium chromium-driver}; {@code .ci/run} installs them). Without them this test fails,
 * it does not skip. Other locations: {@code -Dzweig.chromium=...} and {@code -Dzweig.chromedriver=...}.
 * Screenshots are saved under {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleBrowserTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static ChromeDriver browser;
    static Path profile;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startChromium() throws IOException {
        String chromium = System.getProperty("zweig.chromium", "/usr/bin/chromium");
        String driver = System.getProperty("zweig.chromedriver", "/usr/bin/chromedriver");
        for (String exe : new String[] {chromium, driver}) {
            if (!Files.isExecutable(Path.of(exe))) {
                fail("The browser test needs Debian's chromium and chromium-driver: " + exe + " is missing. "
                        + "Install them with 'apt-get install -y chromium chromium-driver' (as .ci/run does).");
            }
        }
        profile = Files.createTempDirectory("zweig-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1200,900", "--lang=en-US", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
        Files.deleteIfExists(SCREENSHOTS.resolve("failure.png"));
        Files.deleteIfExists(SCREENSHOTS.resolve("failure.html"));
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebElement find(String id) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private WebElement findByClass(String className) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.className(className)));
    }

    private static Path screenshot(String name) throws IOException {
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isGreaterThan(1000);
        return target;
    }

    @Test
    void browseSubmitTheFormSwitchLocaleAndHitA404() throws IOException {
        try {
            walkThrough();
        } catch (RuntimeException | AssertionError e) {
            // what the browser showed when it went wrong, for whoever reads the failure
            Files.writeString(SCREENSHOTS.resolve("failure.html"), browser.getPageSource());
            screenshot("failure");
            throw e;
        }
    }

    private void walkThrough() throws IOException {
        browser.get(url("/?lang=en"));
        assertThat(browser.getTitle()).isEqualTo("Zweig Books");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome to Zweig Books!");
        // the stylesheet came through asset(): the header is styled
        assertThat(browser.findElement(By.tagName("header")).getCssValue("background-color"))
                .isEqualTo("rgba(45, 74, 62, 1)");

        find("nav-books").click();
        assertThat(find("page-status").getText()).startsWith("Page 1 of ");
        find("page-next").click();
        assertThat(find("page-status").getText()).startsWith("Page 2 of ");
        assertThat(browser.getCurrentUrl()).endsWith("/books?page=2");

        // the form: submitted empty, it comes back with the errors (and a CSRF token that was accepted)
        find("nav-new").click();
        find("title").sendKeys("Siddhartha");
        find("year").sendKeys("1922");
        find("save").click();
        assertThat(find("form-errors").getText()).isEqualTo("Please correct the errors below.");
        assertThat(find("author-error").getText()).isEqualTo("Please enter an author.");
        assertThat(browser.findElements(By.id("title-error"))).isEmpty();
        assertThat(find("title").getDomProperty("value")).isEqualTo("Siddhartha");
        assertThat(find("author").getDomProperty("value")).isEmpty();
        assertThat(find("year").getDomProperty("value")).isEqualTo("1922");
        screenshot("form-with-errors");

        find("author").sendKeys("Hermann Hesse");
        find("save").click();
        assertThat(findByClass("notice").getText()).isEqualTo("Added \u201cSiddhartha\u201d.");
        assertThat(browser.findElement(By.cssSelector("ul.books")).getText()).contains("Siddhartha")
                .contains("by Hermann Hesse (1922)");

        // German, kept by a cookie from page to page
        find("lang-de").click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBe(By.tagName("h1"), "Alle Bücher"));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("de");
        find("nav-new").click();
        find("save").click();
        assertThat(find("title-error").getText()).isEqualTo("Bitte einen Titel eingeben.");
        assertThat(find("year-error").getText()).isEqualTo("Bitte ein Jahr eingeben.");
        Path german = screenshot("form-german");

        // Boot's error handling renders the Twig 404 page, localized
        browser.get(url("/no/such/page"));
        assertThat(find("not-found").getText()).isEqualTo("Seite nicht gefunden (404)");
        assertThat(browser.getPageSource()).contains("Unter /no/such/page gibt es keine Seite.");
        screenshot("not-found");

        browser.get(url("/books?lang=en"));
        assertThat(find("page-status").getText()).startsWith("Page 1 of ");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("All books");
        Path list = screenshot("sample");
        assertThat(list).exists();
        assertThat(german).exists();
    }
}
