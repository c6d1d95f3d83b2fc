package app.pdeck.platform.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own errors (unknown path 404, 405, 406, 415, 401/403 from security) in problem+json, keeping their
 * status and headers such as {@code Allow} or {@code WWW-Authenticate}.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(WebApplicationException exception) {
        if (UnreadableBodyMapper.isTooLarge(exception)) {
            return ProblemDetail.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                    "The request body is too large").withInstance(uriInfo.getPath(false)).toResponse();
        }
        Response original = exception.getResponse();
        Response.StatusType status = original.getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return UnexpectedExceptionMapper.answer(exception, uriInfo.getPath(false));
        }
        String slug = status.getReasonPhrase().toLowerCase().replace(' ', '-');
        ProblemDetail problem = ProblemDetail.of(status, slug, safeDetail(status))
                .withInstance(uriInfo.getPath(false));
        Response.ResponseBuilder builder = Response.status(status.getStatusCode())
                .type(ProblemDetail.MEDIA).entity(problem);
        original.getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    /** RESTEasy's messages can echo internals (class names, parser positions); say what went wrong in our words. */
    private static String safeDetail(Response.StatusType status) {
        return switch (status.getStatusCode()) {
            case 400 -> "The request could not be read";
            case 401 -> "Authentication is required";
            case 403 -> "You are not allowed to do this";
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here";
            case 406 -> "No acceptable representation";
            case 413 -> "The request body is too large";
            case 415 -> "Unsupported content type";
            default -> status.getReasonPhrase();
        };
    }
}
