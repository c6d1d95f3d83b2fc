package app.pdeck.platform.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 429 as problem+json, with the {@code Retry-After} seconds the limit computed. */
@Provider
public class TooManyRequestsMapper implements ExceptionMapper<TooManyRequestsException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(TooManyRequestsException exception) {
        return Response.fromResponse(exception.toProblem().withInstance(uriInfo.getPath(false)).toResponse())
                .header(HttpHeaders.RETRY_AFTER, exception.retryAfterSeconds())
                .build();
    }
}
