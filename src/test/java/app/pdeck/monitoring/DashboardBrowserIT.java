package app.pdeck.monitoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.HeadlessChromium;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser ({@link HeadlessChromium}).
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

    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait waiting;

    @BeforeEach
    void startBrowser() {
        chromium = new HeadlessChromium(PATIENCE, "1400,1300");
        browser = chromium.driver();
        waiting = chromium.waiting();
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anAdministratorSignsInAndSeesLiveChartsFedByTheApi() {
        Accounts.Account user = Accounts.newUser(base);
        browser.get(base + "dashboard/");

        signIn(user.email(), Accounts.PASSWORD);
        waiting.until(ExpectedConditions.textToBe(By.id("login-error"), "This account is not an administrator."));

        signIn(Accounts.ADMIN_EMAIL, Accounts.ADMIN_PASSWORD);
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard")));
        // collection sizes come with the first answer; so do rates, from the node's recent samples
        waiting.until(d -> Boolean.TRUE.equals(script(
                "var o = echarts.getInstanceByDom(document.getElementById('chart-collections')).getOption();"
                        + "return o.yAxis[0].data.indexOf('users') >= 0 && o.series[0].data.length > 0;")));
        waiting.until(d -> Boolean.TRUE.equals(script(
                "var o = echarts.getInstanceByDom(document.getElementById('chart-requests')).getOption();"
                        + "return o.series[0].data.length >= 2;")));
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("health"), "mongodb: UP"));
        waiting.until(d -> !d.findElement(By.id("kpi-rate")).getText().equals("–"));

        List<?> rates = (List<?>) script(points("chart-requests"));
        assertTrue(rates.stream().anyMatch(p -> ((Number) ((List<?>) p).get(1)).doubleValue() > 0),
                "the dashboard's own calls are requests: " + rates);
        assertTrue(browser.findElement(By.id("kpi-pool")).getText().matches("\\d+ / \\d+"));
        assertNotNull(script("return window.sessionStorage.getItem('pdeck.dashboard.token');"));
        assertEquals(0, browser.manage().getCookies().size(), "the token is never a cookie");

        chromium.screenshot(Path.of("target", "dashboard.png"));

        List<String> problems = chromium.consoleMessages().stream()
                .filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught") || m.contains("echarts"))
                .toList();
        assertEquals(List.of(), problems, "no script errors and nothing blocked by the page's CSP");
    }

    @Test
    void theTimeChartsHavePointsFromBeforeThePageOpenedInItsFirstAnswer() throws InterruptedException {
        // a short load first, which this node's recent samples (every 5 s) cover
        Accounts.Account user = Accounts.newUser(base);
        Instant until = Instant.now().plusSeconds(12);
        while (Instant.now().isBefore(until)) {
            given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/tasks")
                    .then().statusCode(200);
            Thread.sleep(100);
        }
        browser.get(base + "dashboard/");
        long opened = ((Number) script("return Date.now();")).longValue();
        signIn(Accounts.ADMIN_EMAIL, Accounts.ADMIN_PASSWORD);
        // the first answer is drawn (the page asks again 5 s later): read the charts at once
        waiting.until(d -> !d.findElement(By.id("updated")).getText().isEmpty());
        List<?> requests = (List<?>) script(points("chart-requests"));
        List<?> mongo = (List<?>) script(points("chart-mongo"));
        chromium.screenshot(Path.of("target", "dashboard-first-answer.png"));

        assertTrue(requests.size() >= 2, "request rate points in the first answer: " + requests);
        assertTrue(((Number) ((List<?>) requests.get(0)).get(0)).longValue() < opened,
                "the first point is from before the page opened: " + requests + ", opened " + opened);
        assertTrue(requests.stream().anyMatch(p -> ((Number) ((List<?>) p).get(1)).doubleValue() > 0),
                "the load shows: " + requests);
        assertTrue(mongo.size() >= 2, "command latency points in the first answer: " + mongo);
    }

    /** The points of a time chart's first series as [epoch ms, value]. */
    private static String points(String chart) {
        return "return echarts.getInstanceByDom(document.getElementById('" + chart + "')).getOption().series[0].data"
                + ".map(function (p) { return [new Date(p[0]).getTime(), p[1] === null ? 0 : p[1]]; });";
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
        return chromium.script(code);
    }
}
