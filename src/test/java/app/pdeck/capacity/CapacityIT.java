package app.pdeck.capacity;

import static app.pdeck.jobs.AdminApi.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.ApiTraffic;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.ServerProperties;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class CapacityIT {

    /** Defaults of mongodb.pool.max-size and redis.pool.size (the test server does not set them). */
    private static final int MONGO_DEFAULT = 50;
    private static final int REDIS_DEFAULT = 24;
    /** pdeck.credentials.drain-ms: a replaced client is closed this long after the swap. */
    private static final long DRAIN_MS = 11_000;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    ManagementClient management;

    @AfterEach
    void backToTheConfiguredSizes() {
        asAdmin(base).post("api/v1/admin/capacity/pools/reload").then().statusCode(200);
    }

    private static Map<String, Object> signal(JsonPath report, String name) {
        Map<String, Object> signal = report.getMap("signals.find { it.name == '" + name + "' }");
        assertNotNull(signal, name + " is among the signals");
        return signal;
    }

    private static double number(Map<String, Object> signal, String field) {
        Object value = signal.get(field);
        assertNotNull(value, signal.get("name") + "." + field);
        return ((Number) value).doubleValue();
    }

    @Test
    void capacityShowsEachSignalWithItsNumberThresholdAndARecommendation() {
        Accounts.Account user = Accounts.newUser(base);
        String id = given().baseUri(base.toString()).header("Authorization", user.bearer())
                .contentType(ContentType.JSON).body(Map.of("title", "measured"))
                .post("api/v1/tasks").then().statusCode(201).extract().path("id");
        for (int i = 0; i < 3; i++) {
            given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/tasks/" + id)
                    .then().statusCode(200);
        }

        JsonPath report = asAdmin(base).get("api/v1/admin/capacity").then().statusCode(200)
                .body("node", notNullValue())
                .body("at", notNullValue())
                .extract().jsonPath();

        // this request is in flight while it is answered
        Map<String, Object> inFlight = signal(report, "http.inFlight");
        assertTrue(number(inFlight, "value") >= 1, inFlight.toString());
        assertEquals(32.0, number(inFlight, "threshold"));
        Map<String, Object> p99 = signal(report, "http.p99");
        assertTrue(number(p99, "samples") >= 5, p99.toString());
        assertTrue(number(p99, "value") > 0, p99.toString());
        assertEquals(500.0, number(p99, "threshold"));
        Map<String, Object> commands = signal(report, "mongo.commands.p99");
        assertTrue(number(commands, "samples") >= 2, "the task insert and the user's reads: " + commands);
        assertEquals(100.0, number(commands, "threshold"));
        assertTrue(number(signal(report, "mongo.pool.waitP99"), "samples") >= 1);
        assertEquals(0.0, number(signal(report, "mongo.pool.waitQueue"), "threshold"));
        assertTrue(number(signal(report, "redis.calls.p99"), "samples") >= 1);
        assertTrue(number(signal(report, "cache.hitRatio"), "value") > 0, "the second and third reads hit");
        assertEquals(0.8, number(signal(report, "cpu.process"), "threshold"), 1e-6);
        double cpu = number(signal(report, "cpu.process"), "value");
        assertTrue(cpu >= 0 && cpu <= 1, "sampled since the deployment started: " + cpu);
        assertTrue(number(signal(report, "redis.usedMemory"), "value") > 0);
        Map<String, Object> maxMemory = signal(report, "redis.maxMemory");
        if (number(maxMemory, "value") == 0) {
            assertTrue(String.valueOf(maxMemory.get("note")).contains("unlimited"), maxMemory.toString());
        }
        assertNotNull(signal(report, "redis.evictionsPerMinute").get("note"), "says over what the rate is");

        List<Map<String, Object>> recommendations = report.getList("recommendations");
        assertFalse(recommendations.isEmpty());
        for (Map<String, Object> r : recommendations) {
            assertTrue(Set.of("ADD_NODE", "ADD_READ_REPLICA", "RAISE_MONGO_POOL", "RAISE_REDIS_POOL",
                    "ADD_REDIS_MEMORY", "NONE").contains(r.get("action")), r.toString());
            assertFalse(String.valueOf(r.get("reason")).isBlank(), r.toString());
        }
        assertEquals(5, report.getInt("pools.mongo.min"));
        assertEquals(200, report.getInt("pools.mongo.max"));
        assertEquals(128, report.getInt("pools.redis.max"));
    }

    @Test
    void requestsThatEndInAnErrorLeaveTheInFlightCount() {
        Accounts.Account user = Accounts.newUser(base);
        given().baseUri(base.toString()).get("api/v1/no/such/endpoint").then().statusCode(404);
        given().baseUri(base.toString()).get("api/v1/tasks").then().statusCode(401);
        given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/admin/capacity")
                .then().statusCode(403);
        given().baseUri(base.toString()).header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body("{\"title\": ").post("api/v1/tasks").then().statusCode(400);
        given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/tasks/no-such-task")
                .then().statusCode(404);
        JsonPath report = asAdmin(base).get("api/v1/admin/capacity").then().statusCode(200).extract().jsonPath();
        assertEquals(1.0, number(signal(report, "http.inFlight"), "value"), "only the capacity request itself");
    }

    @Test
    void onlyAdministratorsSeeOrChangeCapacity() {
        Accounts.Account user = Accounts.newUser(base);
        given().baseUri(base.toString()).get("api/v1/admin/capacity").then().statusCode(401);
        given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/admin/capacity")
                .then().statusCode(403).contentType("application/problem+json");
        given().baseUri(base.toString()).header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("mongoMaxSize", 10)).put("api/v1/admin/capacity/pools")
                .then().statusCode(403).contentType("application/problem+json");
        given().baseUri(base.toString()).header("Authorization", user.bearer())
                .post("api/v1/admin/capacity/pools/reload").then().statusCode(403);
        asAdmin(base).get("api/v1/admin/capacity/pools").then().statusCode(200)
                .body("mongo.size", equalTo(MONGO_DEFAULT));
    }

    @Test
    void poolsResizedWithinTheBoundsTakeEffectWhileRequestsKeepBeingServed() throws Exception {
        Accounts.Account user = Accounts.newUser(base);
        given().baseUri(base.toString()).header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("title", "served during a resize")).post("api/v1/tasks").then().statusCode(201);
        // the cache would answer without MongoDB: a task that changes on every request goes to both backends
        try (ApiTraffic traffic = new ApiTraffic(management, URI.create(base + "api/v1/tasks"), user.bearer(), 3, true)) {
            Thread.sleep(500);
            asAdmin(base).contentType(ContentType.JSON).body(Map.of("mongoMaxSize", 7, "redisPoolSize", 9))
                    .put("api/v1/admin/capacity/pools").then().statusCode(200)
                    .body("mongo.size", equalTo(7))
                    .body("redis.size", equalTo(9))
                    .body("lastChange.how", equalTo("admin API"))
                    .body("lastChange.by", equalTo(Accounts.ADMIN_EMAIL))
                    .body("lastChange.mongoMaxSize", equalTo(7));
            JsonPath report = asAdmin(base).get("api/v1/admin/capacity").then().statusCode(200)
                    .body("pools.mongo.size", equalTo(7))
                    .body("pools.redis.size", equalTo(9))
                    .extract().jsonPath();
            assertEquals(7.0, number(signal(report, "mongo.pool.maxSize"), "value"));
            assertEquals(9.0, number(signal(report, "redis.pool.size"), "value"));
            // past the drain: the replaced clients are closed under the traffic
            Thread.sleep(DRAIN_MS + 2_000);
            traffic.stop();
            assertTrue(traffic.requests() > 10, "traffic ran: " + traffic.requests());
            assertEquals(List.of(), traffic.failures(), "no request failed during or after the resize");
        }
        String after = given().baseUri(base.toString()).header("Authorization", user.bearer())
                .contentType(ContentType.JSON).body(Map.of("title", "after the resize"))
                .post("api/v1/tasks").then().statusCode(201).extract().path("id");
        given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/tasks/" + after)
                .then().statusCode(200).body("title", equalTo("after the resize"));

        JsonPath audit = asAdmin(base).queryParam("action", "capacity.pools.resize").get("api/v1/admin/audit")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("7", audit.getString("items[0].details.mongoMaxSize").replaceAll(".*-> ", ""));
        assertEquals("9", audit.getString("items[0].details.redisPoolSize").replaceAll(".*-> ", ""));
        assertEquals(Accounts.ADMIN_EMAIL, audit.getString("items[0].actorEmail"));
        assertEquals("SUCCESS", audit.getString("items[0].outcome"));
    }

    @Test
    void sizesOutsideTheBoundsAreRefusedAndChangeNothing() {
        JsonPath before = asAdmin(base).get("api/v1/admin/capacity/pools").then().statusCode(200)
                .extract().jsonPath();
        asAdmin(base).contentType(ContentType.JSON).body(Map.of("mongoMaxSize", 201, "redisPoolSize", 3))
                .put("api/v1/admin/capacity/pools").then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors.field", hasItems("mongoMaxSize", "redisPoolSize"))
                .body("errors.find { it.field == 'mongoMaxSize' }.message",
                        equalTo("must be between 5 and 200, got 201"));
        // one bad size refuses the other, good one too
        asAdmin(base).contentType(ContentType.JSON).body(Map.of("mongoMaxSize", 20, "redisPoolSize", 500))
                .put("api/v1/admin/capacity/pools").then().statusCode(422)
                .body("errors.field", equalTo(List.of("redisPoolSize")));
        asAdmin(base).contentType(ContentType.JSON).body(Map.of()).put("api/v1/admin/capacity/pools")
                .then().statusCode(400).contentType("application/problem+json");
        asAdmin(base).contentType(ContentType.JSON).body(Map.of("mongoMaxSize", -1))
                .put("api/v1/admin/capacity/pools").then().statusCode(400).contentType("application/problem+json");
        asAdmin(base).contentType(ContentType.JSON).body("{\"mongoMaxSize\": \"lots\"}")
                .put("api/v1/admin/capacity/pools").then().statusCode(400).contentType("application/problem+json");

        asAdmin(base).get("api/v1/admin/capacity/pools").then().statusCode(200)
                .body("mongo.size", equalTo(before.getInt("mongo.size")))
                .body("redis.size", equalTo(before.getInt("redis.size")))
                .body("lastChange", equalTo(before.get("lastChange")));
    }

    @Test
    void aChangedConfigurationIsAppliedOnReloadWithinTheBounds() {
        try (ServerProperties server = new ServerProperties(management)
                .set("mongodb.pool.max-size", "11")
                .set("redis.pool.size", "13")) {
            asAdmin(base).post("api/v1/admin/capacity/pools/reload").then().statusCode(200)
                    .body("mongo.size", equalTo(11))
                    .body("redis.size", equalTo(13))
                    .body("lastChange.how", equalTo("configuration"));
            asAdmin(base).get("api/v1/admin/capacity").then().statusCode(200)
                    .body("pools.mongo.size", equalTo(11))
                    .body("pools.redis.size", equalTo(13));

            server.set("mongodb.pool.max-size", "500");
            asAdmin(base).post("api/v1/admin/capacity/pools/reload").then().statusCode(422)
                    .body("errors.field", equalTo(List.of("mongoMaxSize")));
            asAdmin(base).get("api/v1/admin/capacity/pools").then().statusCode(200)
                    .body("mongo.size", equalTo(11));

            // the bounds are configuration too, read at every call
            server.set("pdeck.capacity.mongo-pool.max", "600");
            asAdmin(base).post("api/v1/admin/capacity/pools/reload").then().statusCode(200)
                    .body("mongo.size", equalTo(500))
                    .body("mongo.max", equalTo(600));
        }
        asAdmin(base).post("api/v1/admin/capacity/pools/reload").then().statusCode(200)
                .body("mongo.size", equalTo(MONGO_DEFAULT))
                .body("redis.size", equalTo(REDIS_DEFAULT))
                .body("mongo.max", not(equalTo(600)));
    }

    @Test
    void theAutoscalerSignalsAreExportedToPrometheus() {
        Accounts.Account user = Accounts.newUser(base);
        given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/tasks")
                .then().statusCode(200);
        given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/tasks")
                .then().statusCode(200);
        String text = given().get("http://127.0.0.1:" + System.getProperty("it.management.port") + "/metrics")
                .then().statusCode(200).extract().asString();
        for (String series : List.of("pdeck_http_inflight", "pdeck_http_latency_p99_ms",
                "pdeck_mongodb_pool_wait_seconds_count", "pdeck_mongodb_pool_wait_p99_ms", "pdeck_mongodb_pool_max",
                "pdeck_mongodb_commands_p99_ms", "pdeck_cache_hit_ratio", "pdeck_redis_calls_seconds_count",
                "pdeck_redis_calls_p99_ms")) {
            assertTrue(text.lines().anyMatch(line -> line.startsWith(series + "{") || line.startsWith(series + " ")),
                    series + " is exported");
        }
    }

}
