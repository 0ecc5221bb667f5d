package org.aisora.webtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium through its chromedriver, with the few moves the web app's tests make. */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("aisora.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("aisora.chromedriver", "/usr/bin/chromedriver"));
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(360, 780);

    final ChromeDriver driver;
    final Path downloads;
    private final Path screenshots;

    Browser(Path downloads, Path screenshots) throws IOException {
        this.downloads = Files.createDirectories(downloads);
        this.screenshots = screenshots;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--hide-scrollbars", "--window-size=1280,900", "--lang=en-GB");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(DESKTOP);
    }

    /** Skips a test class, saying why, when Chromium or its driver is missing (before anything starts for it). */
    static final class Required implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return available() ? ConditionEvaluationResult.enabled("Chromium and chromedriver are installed")
                    : ConditionEvaluationResult.disabled("Chromium or chromedriver is missing (" + CHROMIUM + ", " + DRIVER
                            + "): apt-get install -y chromium chromium-driver; the web app's browser tests are skipped");
        }
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    }

    WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement await(By by, Duration limit) {
        return new WebDriverWait(driver, limit).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void type(By by, String text) {
        WebElement field = await(by);
        field.clear();
        field.sendKeys(text);
    }

    /** Sets a field's value as a script would (date inputs take keys in the locale's order). */
    void set(By by, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('change'));", await(by), value);
    }

    void click(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    void nav(String screen) {
        click(By.cssSelector("nav a[href='#/" + screen + "']"));
        await(By.cssSelector("nav a[aria-current='page'][href='#/" + screen + "']"));
    }

    /** Saves the page as it looks on a desktop and at 360 px wide, as NAME-desktop.png and NAME-360.png. */
    void screenshot(String name) throws IOException, InterruptedException {
        if (screenshots == null) {
            return;
        }
        Files.createDirectories(screenshots);
        Thread.sleep(300);
        Files.write(screenshots.resolve(name + "-desktop.png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(PHONE);
        Thread.sleep(300);
        Files.write(screenshots.resolve(name + "-360.png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(DESKTOP);
    }

    /** The one file that appears in the download folder (whose name matches), once complete. */
    Path downloaded(String suffix) throws IOException, InterruptedException {
        for (int i = 0; i < 150; i++) {
            try (var files = Files.list(downloads)) {
                List<Path> done = files.filter(p -> p.toString().endsWith(suffix)).toList();
                if (!done.isEmpty() && Files.size(done.get(0)) > 0) {
                    return done.get(0);
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("nothing ending in " + suffix + " was downloaded to " + downloads);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
