package app.pdeck.platform.mongo;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.devserver.EmbeddedMongoServer;
import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The read preferences of {@code PDECK_MONGO_READ_*} reach MongoDB with the reads they are documented for, as the
 * test MongoDB sees them ({@code --log-read-preferences}): the defaults send analytics and dashboard reads to a
 * secondary no more than 90 s behind ({@code secondaryPreferred}, {@code maxStalenessSeconds} 90).
 */
@ExtendWith(ArquillianExtension.class)
class ReadPreferenceIT {

    private static final String SECONDARY_PREFERRED =
            "{\"mode\" : \"secondaryPreferred\", \"maxStalenessSeconds\" : 90}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void taskStatisticsAreReadWithTheAnalyticsReadPreference() throws IOException {
        Accounts.Account user = Accounts.newUser(base);
        long from = logSize();
        given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/stats/tasks")
                .then().statusCode(200);
        assertRead(from, "aggregate pdeck_it.tasks");
    }

    @Test
    void collectionSizesAndTheMetricsHistoryAreReadWithTheDashboardReadPreference() throws IOException {
        String admin = "Bearer " + Accounts.adminToken(base);
        long from = logSize();
        given().baseUri(base.toString()).header("Authorization", admin).get("api/v1/admin/db/collections")
                .then().statusCode(200);
        assertRead(from, "collStats pdeck_it.users");
        assertRead(from, "dbStats pdeck_it.");

        from = logSize();
        given().baseUri(base.toString()).header("Authorization", admin).get("api/v1/admin/metrics/history")
                .then().statusCode(200);
        assertRead(from, "find pdeck_it.metrics_history");
    }

    private static void assertRead(long from, String command) throws IOException {
        List<String> lines = linesSince(from);
        String expected = EmbeddedMongoServer.READ_PREFERENCE_LINE + SECONDARY_PREFERRED + ": " + command;
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(expected)), "no '" + expected + "' in " + lines);
    }

    private static Path log() {
        return TestBackends.get().mongo().log();
    }

    private static long logSize() throws IOException {
        return Files.size(log());
    }

    private static List<String> linesSince(long offset) throws IOException {
        byte[] all = Files.readAllBytes(log());
        return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith(EmbeddedMongoServer.READ_PREFERENCE_LINE)).toList();
    }
}
