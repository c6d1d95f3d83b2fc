package app.pdeck.platform.problem;

import jakarta.ws.rs.core.Response;

/** A budget is spent: 429 problem+json with {@code Retry-After} ({@link TooManyRequestsMapper}). */
public class TooManyRequestsException extends ApiException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(String detail, long retryAfterSeconds) {
        super(Response.Status.TOO_MANY_REQUESTS, "too-many-requests", detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
