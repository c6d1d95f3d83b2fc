package app.pdeck.platform;

import app.pdeck.platform.problem.ProblemDetail;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses bodies above {@code pdeck.http.max-body-bytes} with 413 before anything reads them, when a Content-Length
 * announces the size; {@link RequestBodyLimit} stops chunked bodies while they are read.
 */
@Provider
@ApplicationScoped
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestSizeLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "pdeck.http.max-body-bytes")
    long maxBodyBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBodyBytes) {
            request.abortWith(ProblemDetail.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                    "The request body exceeds " + maxBodyBytes + " bytes")
                    .withInstance(request.getUriInfo().getPath(false)).toResponse());
        }
    }
}
