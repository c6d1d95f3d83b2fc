package app.pdeck.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every list of the API pages the same way: parameters, their 400 problems, the envelope and the Link headers. */
@ExtendWith(ArquillianExtension.class)
class PagingIT {

    private static final List<String> USER_LISTS = List.of("tasks", "projects", "integrations", "tasks/archived");
    private static final List<String> ADMIN_LISTS = List.of("admin/users", "admin/jobs", "admin/audit", "admin/backups");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    private RequestSpecification with(String bearer) {
        return given().baseUri(base.toString()).basePath("api/v1").contentType(ContentType.JSON)
                .header("Authorization", bearer);
    }

    @Test
    void everyListAnswersTheSameEnvelopeAndRefusesTheSameBadParameters() {
        String user = Accounts.newUser(base).bearer();
        String admin = "Bearer " + Accounts.adminToken(base);
        for (String list : USER_LISTS) {
            checkList(user, list);
        }
        for (String list : ADMIN_LISTS) {
            checkList(admin, list);
        }
    }

    private void checkList(String bearer, String list) {
        Response page = with(bearer).queryParam("size", 3).get(list);
        page.then().statusCode(200)
                .body("page", equalTo(1)).body("size", equalTo(3))
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(0))
                .body("items", org.hamcrest.Matchers.notNullValue());
        org.junit.jupiter.api.Assertions.assertTrue(links(page).keySet().containsAll(List.of("first", "last")),
                list + ": " + links(page));
        with(bearer).get(list).then().statusCode(200).body("size", equalTo(50));
        with(bearer).queryParam("size", " ").get(list).then().statusCode(200).body("size", equalTo(50));
        for (Map.Entry<String, String> bad : List.of(Map.entry("page", "abc"), Map.entry("page", "0"),
                Map.entry("page", "2147483647"), Map.entry("page", "1000001"), Map.entry("size", "0"),
                Map.entry("size", "201"), Map.entry("size", "1.5"))) {
            with(bearer).queryParam(bad.getKey(), bad.getValue()).get(list).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(bad.getKey()));
        }
    }

    @Test
    void linkHeadersNameTheNeighbouringPagesWithTheSameFiltersAndSize() {
        Accounts.Account owner = Accounts.newUser(base);
        for (String name : List.of("A", "B", "C", "D", "E")) {
            with(owner.bearer()).body(Map.of("name", name)).post("projects").then().statusCode(201);
        }
        Response middle = with(owner.bearer()).queryParam("size", 2).queryParam("page", 2).get("projects");
        middle.then().statusCode(200).body("items.name", org.hamcrest.Matchers.contains("C", "D"))
                .body("total", equalTo(5));
        Map<String, String> links = links(middle);
        assertEquals(Map.of("first", "1", "prev", "1", "next", "3", "last", "3"), pagesOf(links));
        links.values().forEach(uri -> org.junit.jupiter.api.Assertions.assertTrue(uri.contains("size=2"), uri));
        given().header("Authorization", owner.bearer()).get(links.get("next")).then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.contains("E"));

        Map<String, String> first = links(with(owner.bearer()).queryParam("size", 2).get("projects"));
        assertEquals(Map.of("first", "1", "next", "2", "last", "3"), pagesOf(first));
        Map<String, String> empty = links(with(Accounts.newUser(base).bearer()).get("projects"));
        assertEquals(Map.of("first", "1", "last", "1"), pagesOf(empty));
    }

    /** relation → URI of each {@code Link} header. */
    private static Map<String, String> links(Response response) {
        return response.headers().getList("Link").stream().map(h -> h.getValue())
                .flatMap(v -> java.util.Arrays.stream(v.split(",\\s*(?=<)")))
                .collect(Collectors.toMap(v -> v.replaceAll(".*rel=\"([a-z]+)\".*", "$1"),
                        v -> v.substring(v.indexOf('<') + 1, v.indexOf('>'))));
    }

    private static Map<String, String> pagesOf(Map<String, String> links) {
        return links.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().replaceAll(".*[?&]page=([0-9]+).*", "$1")));
    }
}
