package app.pdeck.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven through its own chromedriver (never a
 * downloaded one). Waits are generous and condition-based, for a loaded two-core machine.
 */
@ExtendWith(ArquillianExtension.class)
class DashboardBrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    private ChromeDriverService service;
    private WebDriver browser;
    private WebDriverWait waiting;

    @BeforeEach
    void startBrowser() throws IOException {
        service = new ChromeDriverService.Builder().usingDriverExecutable(executable("chromedriver",
                "/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("chromium", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1300");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
        waiting = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(250));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void anAdministratorSignsInAndSeesLiveChartsFedByTheApi() throws IOException {
        Accounts.Account user = Accounts.newUser(base);
        browser.get(base + "dashboard/");

        signIn(user.email(), Accounts.PASSWORD);
        waiting.until(ExpectedConditions.textToBe(By.id("login-error"), "This account is not an administrator."));

        signIn(Accounts.ADMIN_EMAIL, Accounts.ADMIN_PASSWORD);
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard")));
        // collection sizes come with the first answer; rates need two answers (the page refreshes every 5 s)
        waiting.until(d -> Boolean.TRUE.equals(script(
                "var o = echarts.getInstanceByDom(document.getElementById('chart-collections')).getOption();"
                        + "return o.yAxis[0].data.indexOf('users') >= 0 && o.series[0].data.length > 0;")));
        waiting.until(d -> Boolean.TRUE.equals(script(
                "var o = echarts.getInstanceByDom(document.getElementById('chart-requests')).getOption();"
                        + "return o.series[0].data.length >= 2;")));
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("health"), "mongodb: UP"));
        waiting.until(d -> !d.findElement(By.id("kpi-rate")).getText().equals("–"));

        Object requestRate = script("return echarts.getInstanceByDom(document.getElementById('chart-requests'))"
                + ".getOption().series[0].data[0][1];");
        assertTrue(((Number) requestRate).doubleValue() > 0, "the dashboard's own calls are requests: " + requestRate);
        assertTrue(browser.findElement(By.id("kpi-pool")).getText().matches("\\d+ / \\d+"));
        assertNotNull(script("return window.sessionStorage.getItem('pdeck.dashboard.token');"));
        assertEquals(0, browser.manage().getCookies().size(), "the token is never a cookie");

        Path screenshot = Path.of("target", "dashboard.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                StandardCopyOption.REPLACE_EXISTING);

        List<String> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught") || m.contains("echarts"))
                .toList();
        assertEquals(List.of(), problems, "no script errors and nothing blocked by the page's CSP");
    }

    private void signIn(String email, String password) {
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        browser.findElement(By.id("email")).clear();
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
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
