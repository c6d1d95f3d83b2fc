package app.pdeck.platform.problem;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not JSON, or JSON of the wrong shape or types: 400, without the parser's internals. */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(ProcessingException exception) {
        java.util.logging.Logger.getLogger(UnreadableBodyMapper.class.getName()).log(java.util.logging.Level.FINE, "unreadable body", exception);
        if (isTooLarge(exception)) {
            return ProblemDetail.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                    "The request body is too large").withInstance(uriInfo.getPath(false)).toResponse();
        }
        return ProblemDetail.of(Response.Status.BAD_REQUEST, "malformed-body", describe(exception))
                .withInstance(uriInfo.getPath(false)).toResponse();
    }

    /** A body sent without Content-Length that grew past the limit while it was read (BodySizeLimit, Undertow). */
    static boolean isTooLarge(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.endsWith("BodyTooLargeException") || name.endsWith("RequestTooBigException")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof JsonbException && t.getMessage() != null && t.getMessage().contains("Unknown property")) {
                return "The body has a field this endpoint does not accept";
            }
        }
        return "The body is not valid JSON of the expected shape";
    }
}
