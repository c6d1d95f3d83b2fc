package app.pdeck.platform.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last resort: anything unmapped is a 500 whose body carries only an incident id; the stack trace goes to the log
 * under the same id, never to the client.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable exception) {
        return answer(exception, uriInfo.getPath(false));
    }

    /** The answer to a failure nothing else mapped, for the request at {@code path} (the problem's instance). */
    static Response answer(Throwable exception, String path) {
        Throwable unavailable = databaseUnavailable(exception);
        if (unavailable != null) {
            // An outage, not a bug: one line without a stack trace, and a status that tells clients to come back.
            LOG.warning("MongoDB unavailable, answering 503: " + unavailable);
            return Response.fromResponse(ProblemDetail.of(Response.Status.SERVICE_UNAVAILABLE, "database-unavailable",
                    "The database is not reachable right now; try again shortly").withInstance(path).toResponse())
                    .header("Retry-After", "5").build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, exception);
        return ProblemDetail.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                "Unexpected error; incident " + incident).withInstance(path).toResponse();
    }

    /** The driver's "no server" / "connection lost" failure somewhere in the cause chain (EJBs wrap it), or null. */
    static Throwable databaseUnavailable(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.mongodb.MongoTimeoutException || t instanceof com.mongodb.MongoSocketException
                    || t instanceof com.mongodb.MongoNotPrimaryException
                    || t instanceof com.mongodb.MongoNodeIsRecoveringException) {
                return t;
            }
        }
        return null;
    }
}
