package app.pdeck.platform.problem;

import jakarta.ejb.ApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * A failure the client caused or must know about, with the HTTP status and problem type it maps to. Services throw
 * the specific subclasses; {@link ApiExceptionMapper} turns them into problem+json. An EJB passes it through
 * unwrapped (application exception).
 */
@ApplicationException(inherited = true)
public class ApiException extends RuntimeException {

    private final Response.StatusType status;
    private final String slug;
    private final List<ProblemDetail.FieldError> fieldErrors;

    /** 422 Unprocessable Content: JAX-RS 3.1's Status enum has no constant for it. */
    public static final Response.StatusType UNPROCESSABLE = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    public ApiException(Response.StatusType status, String slug, String detail) {
        this(status, slug, detail, List.of());
    }

    public ApiException(Response.StatusType status, String slug, String detail,
                        List<ProblemDetail.FieldError> fieldErrors) {
        this(status, slug, detail, fieldErrors, null);
    }

    /** For a failure caused by another: the cause stays for the log, the client sees only {@code detail}. */
    protected ApiException(Response.StatusType status, String slug, String detail, Throwable cause) {
        this(status, slug, detail, List.of(), cause);
    }

    private ApiException(Response.StatusType status, String slug, String detail,
                         List<ProblemDetail.FieldError> fieldErrors, Throwable cause) {
        super(detail, cause, false, false);
        this.status = status;
        this.slug = slug;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public ProblemDetail toProblem() {
        ProblemDetail problem = ProblemDetail.of(status, slug, getMessage());
        return fieldErrors.isEmpty() ? problem : problem.withErrors(fieldErrors);
    }

    public static ApiException notFound(String what) {
        return new ApiException(Response.Status.NOT_FOUND, "not-found", what + " not found");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(Response.Status.CONFLICT, "conflict", detail);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(Response.Status.BAD_REQUEST, "bad-request", detail);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(Response.Status.BAD_REQUEST, "validation", "The request has invalid fields",
                List.of(new ProblemDetail.FieldError(field, message)));
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(Response.Status.PRECONDITION_FAILED, "precondition-failed", detail);
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(Response.Status.SERVICE_UNAVAILABLE, "unavailable", detail);
    }
}
