package app.pdeck.task;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Accounts.Account;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.RedisCli;
import app.pdeck.testsupport.TestBackends;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Conditional GETs of lists and tasks, and cached bodies sent gzip-compressed, as a polling client sees them. */
@ExtendWith(ArquillianExtension.class)
class ConditionalGetIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void aDeleteMovesTheCallersCacheGenerationOnceAndAFailedOneNotAtAll() throws Exception {
        Account account = Accounts.newUser(base);
        String id = create(account, "to delete");
        String key = "{u:" + account.id() + "}:gen";
        long before = generation(key);
        as(account).delete("tasks/" + id).then().statusCode(204);
        assertEquals(before + 1, generation(key), "one delete, one new generation");
        as(account).delete("tasks/" + id).then().statusCode(404);
        as(account).delete("tasks/no-such-task").then().statusCode(404);
        assertEquals(before + 1, generation(key), "a delete that found nothing changes nothing");
    }

    private static long generation(String key) throws Exception {
        String value = RedisCli.run("GET", key).strip();
        return value.isEmpty() ? 0 : Long.parseLong(value);
    }

    @Test
    void aListPolledWithItsETagIsNotModifiedUntilATaskChanges() {
        Account account = Accounts.newUser(base);
        create(account, "first");
        Response first = as(account).get("tasks");
        first.then().statusCode(200).header("ETag", notNullValue())
                .header("Cache-Control", equalTo("no-cache, private"));
        String etag = first.header("ETag");

        as(account).header("If-None-Match", etag).get("tasks").then().statusCode(304).header("ETag", etag);
        assertEquals("", as(account).header("If-None-Match", etag).get("tasks").asString(), "a 304 has no body");

        create(account, "second");
        Response changed = as(account).header("If-None-Match", etag).get("tasks");
        changed.then().statusCode(200).body("items", hasSize(2)).header("ETag", not(equalTo(etag)));
        as(account).header("If-None-Match", changed.header("ETag")).get("tasks").then().statusCode(304);
    }

    @Test
    void aWriteOnAnotherNodeChangesTheListsETag() throws Exception {
        Account account = Accounts.newUser(base);
        create(account, "first");
        String etag = as(account).get("tasks").header("ETag");

        // What a write on another node does after its database write: bump the user's generation in Redis.
        RedisCli.run("INCR", "{u:" + account.id() + "}:gen");

        as(account).header("If-None-Match", etag).get("tasks").then().statusCode(200).header("ETag", not(equalTo(etag)));
    }

    @Test
    void anotherUsersETagNeverMatches() {
        Account alice = Accounts.newUser(base);
        Account bob = Accounts.newUser(base);
        String aliceTag = as(alice).get("tasks").header("ETag");
        create(bob, "bob's");
        as(bob).header("If-None-Match", aliceTag).get("tasks").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void aTaskPolledWithItsETagIsNotModifiedUntilItChanges() {
        Account account = Accounts.newUser(base);
        String id = create(account, "poll me");
        String etag = as(account).get("tasks/" + id).then().statusCode(200).extract().header("ETag");

        as(account).header("If-None-Match", etag).get("tasks/" + id).then().statusCode(304);

        as(account).contentType("application/merge-patch+json").body(Map.of("title", "changed"))
                .patch("tasks/" + id).then().statusCode(200);
        as(account).header("If-None-Match", etag).get("tasks/" + id).then().statusCode(200)
                .body("title", equalTo("changed"));
    }

    @Test
    void aCachedListIsSentGzipCompressedToClientsThatAcceptIt() throws Exception {
        Account account = Accounts.newUser(base);
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tasks.add(Map.of("title", "task number " + i, "description", "long enough to be worth compressing"));
        }
        as(account).body(Map.of("tasks", tasks)).post("tasks/bulk").then().statusCode(201);
        byte[] plain = raw(account).get("tasks").then().statusCode(200).header("Content-Encoding",
                org.hamcrest.Matchers.nullValue()).extract().asByteArray();
        // Hits now share one rendered value; its gzip form is made once.
        Response compressed = raw(account).header("Accept-Encoding", "gzip").get("tasks");

        compressed.then().statusCode(200).header("Content-Encoding", "gzip").header("Vary", "Accept-Encoding");
        byte[] body = compressed.asByteArray();
        assertTrue(body.length < plain.length / 2, "compressed " + body.length + " of " + plain.length + " bytes");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            assertArrayEquals(plain, in.readAllBytes());
        }
        String gzipTag = compressed.header("ETag");
        assertNotEquals(raw(account).get("tasks").header("ETag"), gzipTag, "another representation, another tag");
        raw(account).header("Accept-Encoding", "gzip").header("If-None-Match", gzipTag).get("tasks").then()
                .statusCode(304);
        raw(account).header("Accept-Encoding", "gzip;q=0").get("tasks").then().header("Content-Encoding",
                org.hamcrest.Matchers.nullValue());
    }

    private String create(Account account, String title) {
        return as(account).body(Map.of("title", title)).post("tasks").then().statusCode(201).extract().path("id");
    }

    /** As a client that sends no Accept-Encoding (RestAssured's own decoding would ask for gzip). */
    private RequestSpecification as(Account account) {
        return raw(account);
    }

    private RequestSpecification client(Account account) {
        return given().baseUri(base.toString()).basePath("api/v1").contentType(ContentType.JSON)
                .header("Authorization", account.bearer());
    }

    /** Without RestAssured's own decoding, to see the bytes as sent. */
    private RequestSpecification raw(Account account) {
        return client(account).config(RestAssuredConfig.config().decoderConfig(
                DecoderConfig.decoderConfig().noContentDecoders()));
    }

}
