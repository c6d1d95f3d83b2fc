package app.pdeck.platform.problem;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import jakarta.ws.rs.ext.Provider;

/**
 * A malformed {@code Accept} or {@code Accept-Language} (e.g. {@code *}{@code /*;q=abc}) is the client's error: 400,
 * not the 500 RESTEasy's content negotiation would end in when it parses the header during matching.
 */
@Provider
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public class MalformedHeaderFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String header = "Accept";
        try {
            request.getAcceptableMediaTypes();
            // Matching parses each media range's q again, strictly (WeightedMediaType), and fails with a 500.
            for (String value : request.getHeaders().getOrDefault(HttpHeaders.ACCEPT, List.of())) {
                for (String range : value.split(",")) {
                    if (range.isBlank()) {
                        continue;
                    }
                    String q = MediaType.valueOf(range.strip()).getParameters().get("q");
                    if (q != null) {
                        float weight = Float.parseFloat(q);
                        if (!(weight >= 0 && weight <= 1)) {
                            throw new IllegalArgumentException("q out of range");
                        }
                    }
                }
            }
            header = "Accept-Language";
            request.getAcceptableLanguages();
        } catch (RuntimeException malformed) {
            request.abortWith(ProblemDetail.of(Response.Status.BAD_REQUEST, "bad-request",
                    "The " + header + " header could not be read").withInstance(request.getUriInfo().getPath(false))
                    .toResponse());
        }
    }
}
