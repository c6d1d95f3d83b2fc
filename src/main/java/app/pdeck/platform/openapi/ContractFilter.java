package app.pdeck.platform.openapi;

import app.pdeck.platform.PageRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds to every operation of the OpenAPI document the answers that the request pipeline, not the operation, gives
 * (docs/request-path.md), so the resources declare only their own: 401 and 429 ({@code Retry-After}) on every
 * signed-in operation (the bearer check and the per-user budget), 403 on the administrators' ({@code /admin/}), 404
 * where the path names a resource, 400 where there is a body or query parameters (validation), 413 and 415 where
 * there is a body, 412 where {@code If-Match} is read, 304 ({@code ETag}) where {@code If-None-Match} is, and 500/503
 * everywhere; every error as {@code application/problem+json} ({@code Problem}). Also the {@code Link} header of
 * every paged list. Applied to the served {@code /openapi} and to the build's copy alike
 * ({@code mp.openapi.filter}).
 */
public class ContractFilter implements OASFilter {

    static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean admin = path.getKey().contains("/admin/");
            boolean namesResource = path.getKey().contains("{");
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                complete(entry.getKey(), entry.getValue(), admin, namesResource);
            }
        }
    }

    private static void complete(PathItem.HttpMethod method, Operation operation, boolean admin,
                                 boolean namesResource) {
        APIResponses responses = operation.getResponses();
        boolean signedIn = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean hasQuery = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        parameters.stream().filter(p -> p.getIn() == Parameter.In.QUERY).forEach(ContractFilter::describePaging);
        boolean hasBody = operation.getRequestBody() != null;
        if (signedIn) {
            problem(responses, "401", "No token, or a token that is invalid, expired or revoked "
                    + "(WWW-Authenticate: Bearer)");
            problem(responses, "429", "The caller's request budget is spent").addHeader("Retry-After",
                    header("Seconds until a request may succeed", "integer"));
        }
        if (admin) {
            problem(responses, "403", "The caller is not an administrator");
        }
        if (namesResource) {
            problem(responses, "404", "No such resource of the caller's");
        }
        if (hasBody || hasQuery) {
            problem(responses, "400", "Invalid input; errors names each rejected field or parameter");
        }
        if (hasBody) {
            problem(responses, "413", "The body is larger than 1 MiB");
            problem(responses, "415", "The body is not JSON");
        }
        if (reads(parameters, "If-Match")) {
            problem(responses, "412", "If-Match names a version that is no longer current; nothing changed");
        }
        if (reads(parameters, "If-None-Match") && responses.getAPIResponse("304") == null) {
            responses.addAPIResponse("304", OASFactory.createAPIResponse()
                    .description("Not modified since the ETag given in If-None-Match")
                    .addHeader("ETag", header("The tag the client holds", "string")));
        }
        if (isPagedList(method, responses)) {
            responses.getAPIResponse("200").addHeader("Link",
                    header("RFC 8288 links to the first, last, prev and next pages", "string"));
        }
        problem(responses, "500", "Unexpected failure (logged with the request's instance)");
        problem(responses, "503", "A backend (MongoDB, Redis) is unavailable");
    }

    /** {@code page} and {@code size} are read as text (so a bad value is a 400 problem, not a 404): their contract. */
    private static void describePaging(Parameter parameter) {
        if ("page".equals(parameter.getName())) {
            parameter.description("Page number, from 1").schema(OASFactory.createSchema()
                    .addType(Schema.SchemaType.INTEGER).minimum(BigDecimal.ONE)
                    .maximum(BigDecimal.valueOf(PageRequest.MAX_PAGE)).defaultValue(1));
        } else if ("size".equals(parameter.getName())) {
            parameter.description("Items per page").schema(OASFactory.createSchema()
                    .addType(Schema.SchemaType.INTEGER).minimum(BigDecimal.ONE)
                    .maximum(BigDecimal.valueOf(PageRequest.MAX_SIZE)).defaultValue(PageRequest.DEFAULT_SIZE));
        }
    }

    private static boolean isPagedList(PathItem.HttpMethod method, APIResponses responses) {
        APIResponse ok = responses.getAPIResponse("200");
        if (method != PathItem.HttpMethod.GET || ok == null || ok.getContent() == null) {
            return false;
        }
        return ok.getContent().getMediaTypes().values().stream().anyMatch(media -> media.getSchema() != null
                && media.getSchema().getRef() != null && media.getSchema().getRef().contains("Page"));
    }

    private static boolean reads(List<Parameter> parameters, String header) {
        return parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.HEADER && header.equalsIgnoreCase(p.getName()));
    }

    private static APIResponse problem(APIResponses responses, String status, String description) {
        APIResponse existing = responses.getAPIResponse(status);
        if (existing != null) {
            if (existing.getContent() == null) {
                existing.content(problemContent());
            }
            return existing;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description).content(problemContent());
        responses.addAPIResponse(status, response);
        return response;
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(PROBLEM,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
    }

    private static Header header(String description, String type) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema()
                .addType(type.equals("integer") ? Schema.SchemaType.INTEGER : Schema.SchemaType.STRING));
    }
}
