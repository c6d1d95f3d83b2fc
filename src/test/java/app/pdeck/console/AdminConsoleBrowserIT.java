package app.pdeck.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.HeadlessChromium;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What an operator does in the WildFly admin console (HAL, the {@code web-console} Galleon layer), in a real
 * browser ({@link HeadlessChromium}) against the test server's management port: sign in as a management user made
 * by {@code ops/add-management-user}, change a setting in the {@code pdeck-operator} MicroProfile Config source and
 * reload, see {@code ROOT.war} under Deployments and the server's health and status. Screenshots of each page are
 * left in {@code target/admin-console/}.
 */
@ExtendWith(ArquillianExtension.class)
class AdminConsoleBrowserIT {

    /** HAL is a large GWT application, and a reload redeploys the WAR: both are slow on a loaded two-core machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final Path SCREENSHOTS = Path.of("target", "admin-console");
    private static final String OPERATOR = "it-operator-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String OPERATOR_PASSWORD = "it-operator-password-1";
    private static final String CACHE = "project-lists";
    private static final String TTL_PROPERTY = "pdeck.cache." + CACHE + ".ttl-seconds";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    ManagementClient management;

    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait waiting;
    private boolean configChanged;

    @BeforeAll
    static void createManagementUser() throws Exception {
        // the way an operator automates it: the password in the environment, never on the command line
        ProcessBuilder withPassword = new ProcessBuilder("bash", "ops/add-management-user", "--config-dir",
                configurationDir().toString(), OPERATOR).redirectErrorStream(true);
        withPassword.environment().put("PDECK_MGMT_PASSWORD", OPERATOR_PASSWORD);
        Process run = withPassword.start();
        run.getOutputStream().close();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "ops/add-management-user did not finish");
        assertEquals(0, run.exitValue(), output);
        assertTrue(output.contains("management user '" + OPERATOR + "' is ready"), output);
    }

    @AfterAll
    static void removeManagementUser() throws IOException {
        for (String file : List.of("mgmt-users.properties", "mgmt-groups.properties")) {
            Path path = configurationDir().resolve(file);
            List<String> kept = Files.readAllLines(path).stream().filter(l -> !l.startsWith(OPERATOR + "=")).toList();
            Files.write(path, kept);
        }
    }

    @BeforeEach
    void startBrowser() {
        chromium = new HeadlessChromium(PATIENCE, "1400,1000");
        browser = chromium.driver();
        waiting = chromium.waiting();
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** The test server is shared by every IT: what the console changed is put back, whatever the test saw. */
    @AfterEach
    void putTheConfigSourceBack() throws Exception {
        if (configChanged) {
            configChanged = false;
            restoreConfigSource();
        }
    }

    @Test
    void theNewManagementUserSignsInWithDigestAuthenticationAndNobodyElseDoes() {
        given().auth().digest(OPERATOR, OPERATOR_PASSWORD).get(managementUrl() + "/management").then().statusCode(200);
        given().auth().digest(OPERATOR, "not-the-password").get(managementUrl() + "/management").then().statusCode(401);
        given().get(managementUrl() + "/management").then().statusCode(401);

        signIn();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("tlc-deployments")));
        chromium.screenshot(SCREENSHOTS.resolve("1-homepage.png"));
        assertTrue(browser.findElement(By.tagName("body")).getText().contains("WildFly Application Server"));
    }

    @Test
    void aCacheTtlChangedInThePdeckOperatorConfigSourceIsUsedAfterTheReload() throws Exception {
        if (operatorProperties().has(TTL_PROPERTY)) {
            restoreConfigSource(); // left by an earlier run that was killed before its clean-up
        }
        String admin = Accounts.adminToken(base);
        touchProjectLists();
        assertEquals(300, ttlSeconds(admin), "the built-in default before the operator changes it");
        configChanged = true;
        signIn();
        // Configuration → Subsystems → MicroProfile Config → View → Config Sources → pdeck-operator
        click(By.id("tlc-configuration"));
        click(By.id("subsystems"));
        click(By.id("microprofile-config-smallrye"));
        click(By.xpath("//li[@id='microprofile-config-smallrye']//*[normalize-space()='View']"));
        click(By.xpath("//table[@id='microprofile-config-source-table']//td[normalize-space()='pdeck-operator']"));
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("microprofile-config-source-form-properties-readonly"), "pdeck.operator.config-source"));

        click(By.xpath("//ul[@id='microprofile-config-source-form-links']//a[@data-operation='edit']"));
        waiting.until(ExpectedConditions.visibilityOfElementLocated(
                By.id("microprofile-config-source-form-properties-editing")))
                .sendKeys(TTL_PROPERTY + "=321" + Keys.ENTER);
        click(By.xpath("//section[@id='microprofile-config-source-form']//button[normalize-space()='Save']"));
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Config Source pdeck-operator successfully modified"));
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("microprofile-config-source-form-properties-readonly"), TTL_PROPERTY + " ⇒ 321"));
        chromium.screenshot(SCREENSHOTS.resolve("2-config-source-edited.png"));
        assertEquals(300, ttlSeconds(admin), "the running deployment keeps its settings until the reload");

        // the console says the server needs a reload and offers it
        click(By.id("reload-link"));
        click(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space()='Yes']"));
        long ttl = awaitTtl(321);
        waiting.until(ExpectedConditions.invisibilityOfElementLocated(By.id("reload-link")));
        chromium.screenshot(SCREENSHOTS.resolve("3-after-reload.png"));
        assertEquals(321, ttl, "GET /api/v1/admin/cache/stats shows the operator's TTL");
    }

    @Test
    void theOperatorSeesRootWarDeployedAndTheServerHealthy() {
        signIn();
        click(By.id("tlc-deployments"));
        click(By.id("dply-rootwar"));
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("hal-finder-preview"),
                "The deployment ROOT.war is enabled and active."));
        String deployment = browser.findElement(By.id("hal-finder-preview")).getText().replaceAll("\\s+", " ");
        assertTrue(deployment.contains("Context Root / "), deployment);
        chromium.screenshot(SCREENSHOTS.resolve("4-deployments.png"));

        click(By.id("tlc-runtime"));
        click(By.id("standalone-host-localhost"));
        click(By.id("microprofile-health-smallrye"));
        // The preview shows nothing while a check is DOWN (on a loaded machine Redis can miss the probe's 1.5 s):
        // ask again with its Refresh link, as an operator would.
        long[] nextRefresh = {System.nanoTime() + TimeUnit.SECONDS.toNanos(10)};
        waiting.until(d -> {
            if (d.findElement(By.id("hal-finder-preview")).getText().contains("The health check outcome is UP.")) {
                return true;
            }
            if (System.nanoTime() > nextRefresh[0]) {
                nextRefresh[0] = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                d.findElement(By.xpath("//div[@id='hal-finder-preview']//a[normalize-space()='Refresh']")).click();
            }
            return false;
        });
        String health = browser.findElement(By.id("hal-finder-preview")).getText();
        assertTrue(health.contains("mongodb") && health.contains("redis"), health);
        // the service's own checks come after the server's: scroll them into the screenshot
        chromium.script("arguments[0].scrollIntoView();", browser.findElement(
                By.xpath("//div[@id='hal-finder-preview']//*[normalize-space(text())='mongodb']")));
        chromium.screenshot(SCREENSHOTS.resolve("5-health.png"));

        click(By.id("server-runtime-status"));
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("hal-finder-preview"), "Heap"));
        assertTrue(browser.findElement(By.id("hal-finder-preview")).getText().contains("Uptime"));
        chromium.screenshot(SCREENSHOTS.resolve("6-status.png"));
    }

    /**
     * Signs in as the operator. The console answers HTTP digest challenges on /management; a person types the
     * credentials into the browser's dialog once, which a headless browser cannot show, so the same credentials
     * travel in the first address instead. Chromium keeps them for the realm, as it does after the dialog, and
     * answers the console's own requests with them.
     */
    private void signIn() {
        browser.get("http://" + OPERATOR + ":" + OPERATOR_PASSWORD + "@127.0.0.1:" + managementPort() + "/management");
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "\"product-name\""));
        browser.get(managementUrl() + "/console/index.html");
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), OPERATOR));
    }

    private void click(By what) {
        waiting.until(ExpectedConditions.elementToBeClickable(what)).click();
    }

    private void touchProjectLists() {
        Accounts.Account user = Accounts.newUser(base);
        given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/projects")
                .then().statusCode(200);
    }

    private long ttlSeconds(String adminToken) {
        return given().baseUri(base.toString()).header("Authorization", "Bearer " + adminToken)
                .get("api/v1/admin/cache/stats").then().statusCode(200)
                .extract().jsonPath().getLong("caches.find { it.name == '" + CACHE + "' }.ttlSeconds");
    }

    /** Waits until the reloaded deployment answers with the expected TTL; returns the last TTL seen. */
    private long awaitTtl(long expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        long seen = -1;
        while (Instant.now().isBefore(deadline)) {
            try {
                // the reload redeploys the WAR: a new signing key, so sign in again each time
                String admin = Accounts.adminToken(base);
                touchProjectLists();
                seen = ttlSeconds(admin);
                if (seen == expected) {
                    return seen;
                }
            } catch (Exception | AssertionError notYet) {
                // the server is reloading (rest-assured passes a refused connection on as it is, a checked exception)
            }
            Thread.sleep(1000);
        }
        return seen;
    }

    /** Puts the shared test server back as provisioned: the property removed, and reloaded so it is no longer used. */
    private void restoreConfigSource() throws Exception {
        ModelNode remove = operation("map-remove", operatorSource());
        remove.get("name").set("properties");
        remove.get("key").set(TTL_PROPERTY);
        execute(remove);
        execute(operation("reload", new ModelNode().setEmptyList()));
        assertEquals(300, awaitTtl(300), "the default is back after the clean-up reload");
    }

    private ModelNode operatorProperties() throws Exception {
        ModelNode read = operation("read-attribute", operatorSource());
        read.get("name").set("properties");
        return execute(read).get("result");
    }

    private static ModelNode operatorSource() {
        return new ModelNode().add("subsystem", "microprofile-config-smallrye").add("config-source", "pdeck-operator");
    }

    private static ModelNode operation(String name, ModelNode address) {
        ModelNode op = new ModelNode();
        op.get("operation").set(name);
        op.get("address").set(address);
        return op;
    }

    /** Runs a management operation, waiting out a reload the console may still be doing. */
    private ModelNode execute(ModelNode op) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            try {
                ModelNode result = management.getControllerClient().execute(op);
                assertEquals("success", result.get("outcome").asString(), result.toString());
                return result;
            } catch (IOException reloading) {
                if (Instant.now().isAfter(deadline)) {
                    throw reloading;
                }
                Thread.sleep(1000);
            }
        }
    }

    private static Path configurationDir() {
        return Path.of(System.getProperty("jboss.home", "target/server"), "standalone", "configuration")
                .toAbsolutePath();
    }

    private static String managementPort() {
        return System.getProperty("it.management.port");
    }

    private static String managementUrl() {
        return "http://127.0.0.1:" + managementPort();
    }
}
