package app.pdeck.platform.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code errors} lists field-level validation failures and is omitted otherwise.
 */
public record ProblemDetail(String type, String title, int status, String detail, String instance,
                            List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = new MediaType("application", "problem+json");
    private static final String TYPE_BASE = "https://pdeck.app/problems/";

    /** One rejected input value: which field (a JSON path such as {@code tags[3]}) and why. */
    public record FieldError(String field, String message) {
    }

    public static ProblemDetail of(Response.StatusType status, String slug, String detail) {
        return new ProblemDetail(TYPE_BASE + slug, status.getReasonPhrase(), status.getStatusCode(), detail, null,
                null);
    }

    public ProblemDetail withErrors(List<FieldError> fieldErrors) {
        return new ProblemDetail(type, title, status, detail, instance, fieldErrors);
    }

    public ProblemDetail withInstance(String path) {
        return new ProblemDetail(type, title, status, detail, path, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }
}
