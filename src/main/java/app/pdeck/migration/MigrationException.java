package app.pdeck.migration;

import app.pdeck.platform.problem.ApiException;
import jakarta.ws.rs.core.Response;

/**
 * Why a migration run was refused or stopped. Each kind carries the status and problem type the admin API answers
 * it with (one mapping, {@code ApiExceptionMapper}, for every API failure); a plain one (an applied migration
 * without code in this build) is a 409.
 */
public class MigrationException extends ApiException {

    MigrationException(String message) {
        this(Response.Status.CONFLICT, "conflict", message);
    }

    MigrationException(Response.StatusType status, String problemType, String message) {
        super(status, problemType, message);
    }

    MigrationException(Response.StatusType status, String problemType, String message, Throwable cause) {
        super(status, problemType, message, cause);
    }
}
