package app.pdeck.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Deployments;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The served {@code /openapi} is the contract: a valid OpenAPI document, the same one the build generated the client
 * from, naming every JAX-RS resource method, and documenting only answers the code can give, as read from the
 * resource classes by reflection.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiContractIT {

    private static final Map<Class<? extends Annotation>, String> HTTP_METHODS = Map.of(GET.class, "get",
            POST.class, "post", PUT.class, "put", PATCH.class, "patch", DELETE.class, "delete");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    private String served() {
        return given().baseUri(base.toString()).accept("application/json").get("openapi?format=JSON").then()
                .statusCode(200).extract().asString();
    }

    @Test
    void theServedDocumentIsValidOpenApi() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(served(), null, options);
        assertEquals(List.of(), result.getMessages());
        assertTrue(result.getOpenAPI().getPaths().size() > 40);
    }

    @Test
    void theVersioningPolicyTheDocumentLinksIsServed() {
        given().baseUri(base.toString()).get("docs/api-versioning.md").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("How a deprecation is announced"));
    }

    @Test
    void theServedDocumentIsTheOneTheClientWasGeneratedFrom() throws IOException {
        JsonNode built = JSON.readTree(Files.readString(Paths.get("target/openapi/openapi.json")));
        String served = served();
        Files.writeString(Paths.get("target/openapi/served.json"), served);
        List<String> differences = new ArrayList<>();
        differences("", built, JSON.readTree(served), differences);
        assertEquals(List.of(), differences, "served /openapi differs from target/openapi/openapi.json");
    }

    @Test
    void everyResourceMethodIsDocumentedWithAnswersItCanGive() throws Exception {
        JsonNode paths = JSON.readTree(served()).get("paths");
        List<String> problems = new ArrayList<>();
        for (Method method : resourceMethods()) {
            String path = pathOf(method);
            String verb = verbOf(method);
            JsonNode operation = paths.path(path).path(verb);
            String where = verb.toUpperCase() + " " + path + " (" + method.getDeclaringClass().getSimpleName() + "."
                    + method.getName() + ")";
            if (operation.isMissingNode()) {
                problems.add(where + ": not in the document");
                continue;
            }
            check(method, path, verb, operation, where, problems);
        }
        assertEquals(List.of(), problems);
    }

    private static void check(Method method, String path, String verb, JsonNode operation, String where,
                              List<String> problems) {
        Set<String> statuses = new TreeSet<>();
        operation.get("responses").fieldNames().forEachRemaining(statuses::add);
        expect(problems, where, "an operationId and a summary", operation.hasNonNull("operationId")
                && operation.hasNonNull("summary"));
        boolean secured = rolesOf(method) != null;
        expect(problems, where, "security [{}] (anonymous) exactly when public",
                secured == !isAnonymous(operation.get("security")));
        if (secured) {
            expect(problems, where, "401 and 429 (bearer check, budget)", statuses.containsAll(Set.of("401", "429")));
        }
        boolean adminOnly = secured && Set.of(rolesOf(method)).equals(Set.of("ADMIN"));
        expect(problems, where, "403 exactly when only administrators may call it", statuses.contains("403") == adminOnly);
        expect(problems, where, "304 exactly when it reads If-None-Match",
                statuses.contains("304") == readsHeader(method, "If-None-Match"));
        expect(problems, where, "412 exactly when it reads If-Match",
                statuses.contains("412") == readsHeader(method, "If-Match"));
        expect(problems, where, "404 where the path names a resource", !path.contains("{") || statuses.contains("404"));
        List<String> successes = statuses.stream().filter(s -> s.startsWith("2")).toList();
        expect(problems, where, "exactly one success status", successes.size() == 1);
        if (method.getReturnType() == Response.class) {
            boolean declared = Stream.of(method.getAnnotationsByType(APIResponse.class))
                    .anyMatch(r -> r.responseCode().startsWith("2"));
            expect(problems, where, "its success declared with @APIResponse (it answers a Response)", declared);
        } else {
            expect(problems, where, "200 with a JSON body (it returns " + method.getReturnType().getSimpleName() + ")",
                    successes.equals(List.of("200"))
                            && operation.path("responses").path("200").path("content").has("application/json"));
        }
        if (successes.contains("201")) {
            // A bulk creation answers the list of what it created, as there is no one Location to give.
            boolean bulk = operation.path("responses").path("201").toString().contains("BulkResult");
            expect(problems, where, "201 only for POST, with Location", verb.equals("post")
                    && (bulk || operation.path("responses").path("201").path("headers").has("Location")));
        }
        for (String status : statuses) {
            if (status.startsWith("4") || status.startsWith("5")) {
                expect(problems, where, status + " as application/problem+json", operation.path("responses")
                        .path(status).path("content").has("application/problem+json"));
            }
        }
    }

    /** JSON pointers where the two documents differ (at most 20). */
    private static void differences(String at, JsonNode built, JsonNode served, List<String> found) {
        if (found.size() >= 20 || built.equals(served)) {
            return;
        }
        if (built.isObject() && served.isObject()) {
            Set<String> names = new TreeSet<>();
            built.fieldNames().forEachRemaining(names::add);
            served.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                differences(at + "/" + name, built.path(name), served.path(name), found);
            }
        } else {
            found.add(at + ": built " + abbreviated(built) + ", served " + abbreviated(served));
        }
    }

    private static String abbreviated(JsonNode node) {
        String text = node.isMissingNode() ? "(missing)" : node.toString();
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    private static void expect(List<String> problems, String where, String what, boolean holds) {
        if (!holds) {
            problems.add(where + ": expected " + what);
        }
    }

    private static boolean isAnonymous(JsonNode security) {
        return security != null && security.isArray() && security.size() == 1 && security.get(0).isEmpty();
    }

    private static String[] rolesOf(Method method) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return null;
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            roles = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        }
        return roles == null ? null : roles.value();
    }

    private static boolean readsHeader(Method method, String header) {
        for (Parameter parameter : method.getParameters()) {
            HeaderParam param = parameter.getAnnotation(HeaderParam.class);
            if (param != null && param.value().equalsIgnoreCase(header)) {
                return true;
            }
        }
        return false;
    }

    private static String verbOf(Method method) {
        return HTTP_METHODS.entrySet().stream().filter(e -> method.isAnnotationPresent(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
    }

    private static String pathOf(Method method) {
        String path = "/api/v1/" + method.getDeclaringClass().getAnnotation(Path.class).value();
        Path own = method.getAnnotation(Path.class);
        if (own != null) {
            path += "/" + own.value();
        }
        return path.replaceAll("/+", "/").replaceAll("/$", "");
    }

    /** Every public method with an HTTP method annotation of every class with {@code @Path} the build compiled. */
    private static List<Method> resourceMethods() throws IOException, ClassNotFoundException {
        java.nio.file.Path classes = Paths.get("target/classes");
        List<Method> methods = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiContractIT.class.getClassLoader());
                if (type.isAnnotationPresent(Path.class)) {
                    Stream.of(type.getDeclaredMethods())
                            .filter(m -> HTTP_METHODS.keySet().stream().anyMatch(m::isAnnotationPresent))
                            .forEach(methods::add);
                }
            }
        }
        assertTrue(methods.size() > 60, "found only " + methods.size() + " resource methods");
        return methods;
    }
}
