package app.pdeck.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for tests: Debian's headless Chromium driven through its own chromedriver (never a downloaded one).
 * Waits are condition-based with a generous bound, for a loaded two-core machine. Close it (try-with-resources or an
 * {@code @AfterEach}) so no browser outlives its test.
 */
public final class HeadlessChromium implements AutoCloseable {

    private final ChromeDriverService service;
    private final WebDriver driver;
    private final WebDriverWait waiting;

    public HeadlessChromium(Duration patience, String windowSize) {
        service = new ChromeDriverService.Builder().usingDriverExecutable(executable("chromedriver",
                "/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("chromium", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=" + windowSize);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(patience).scriptTimeout(patience);
        waiting = new WebDriverWait(driver, patience, Duration.ofMillis(250));
    }

    public WebDriver driver() {
        return driver;
    }

    public WebDriverWait waiting() {
        return waiting;
    }

    public Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(code, arguments);
    }

    /** Saves what the window shows now as a PNG at {@code file} (its folder is created). */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
                    StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browser console's messages since the last call. */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    private static File executable(String name, String debianPath) {
        File file = new File(debianPath);
        if (!file.canExecute()) {
            throw new IllegalStateException(name + " is not installed at " + debianPath
                    + "; install Debian's chromium and chromium-driver (.ci/run does)");
        }
        return file;
    }
}
