package app.pdeck.user;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.cache.probe.ProbeItem;
import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.net.URL;
import java.util.UUID;
import org.bson.Document;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class UserActivityIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar().addPackage(ProbeItem.class.getPackage());
    }

    private static final long WITHIN_MS = 4000;

    @ArquillianResource
    URL base;

    @Test
    void requestCountersReachMongoWithinTheWriteBehindDelay() throws Exception {
        try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
            // The first batch of a fresh deployment also opens the MongoDB client and creates the collection.
            String warmUp = "activity-" + UUID.randomUUID();
            String user = "activity-" + UUID.randomUUID();
            // Counters are kept for accounts only (a deleted account's must not come back).
            var users = client.getDatabase("pdeck_it").getCollection("users");
            for (String id : java.util.List.of(warmUp, user)) {
                users.insertOne(new Document("_id", id).append("email", id + "@it.pdeck.test").append("name", id)
                        .append("role", "USER").append("createdAt", new java.util.Date()).append("version", 0L));
            }
            record(warmUp, 1);
            awaitRequests(client, warmUp, 1, 15_000);

            record(user, 25);
            long recorded = System.currentTimeMillis();
            // pdeck.cache.activity.write-behind-ms=1000, twice (JVM -> Redis, Redis -> MongoDB), plus the writes.
            Document activity = awaitRequests(client, user, 25, WITHIN_MS);
            assertTrue(activity.getDate("lastSeenAt").getTime() >= recorded - 2000, "lastSeenAt " + activity);
        }
    }

    @Test
    void everyAnsweredRequestOfASignedInUserIsCounted() throws Exception {
        Accounts.Account account = Accounts.newUser(base);
        for (int i = 0; i < 7; i++) {
            given().baseUri(base.toString()).header("Authorization", account.bearer()).get("api/v1/users/me")
                    .then().statusCode(200);
        }
        given().baseUri(base.toString()).get("api/v1/users/me").then().statusCode(401);
        try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
            awaitRequests(client, account.id(), 7, 15_000);
        }
    }

    private void record(String user, int requests) {
        for (int i = 0; i < requests; i++) {
            given().baseUri(base.toString()).post("api/v1/test/cache-probe/" + user + "/activity")
                    .then().statusCode(204);
        }
    }

    private static Document awaitRequests(MongoClient client, String user, long expected, long withinMs)
            throws InterruptedException {
        long started = System.currentTimeMillis();
        Document activity = null;
        while (System.currentTimeMillis() - started < withinMs) {
            activity = client.getDatabase("pdeck_it").getCollection("user_activity")
                    .find(Filters.eq("_id", user)).first();
            if (activity != null && ((Number) activity.get("requests")).longValue() == expected) {
                return activity;
            }
            Thread.sleep(100);
        }
        assertNotNull(activity, "no user_activity document for " + user + " within " + withinMs + " ms");
        assertEquals(expected, ((Number) activity.get("requests")).longValue(), "requests after " + withinMs + " ms");
        return activity;
    }
}
