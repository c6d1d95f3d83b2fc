package app.pdeck.audit;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import app.pdeck.platform.PageRequest;
import app.pdeck.platform.PageView;
import app.pdeck.platform.problem.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** {@code GET /admin/audit}: the audit trail, newest first. Read-only: there is no way to change an entry. */
@Tag(name = "admin", description = "Administration")
@Path("admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class AuditResource {

    @Inject
    AuditTrail auditTrail;

    @GET
    @Operation(operationId = "searchAudit", summary = "The audit trail, newest first, by actor, action and time")
    public PageView<AuditEntry> search(@QueryParam("actor") String actor, @QueryParam("action") String action,
                                       @QueryParam("from") String from, @QueryParam("to") String to,
                                       @QueryParam("page") String page, @QueryParam("size") String size) {
        return auditTrail.search(actor, action, instant("from", from), instant("to", to),
                PageRequest.of(page, size));
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be an ISO-8601 instant such as 2026-11-25T14:00:00Z");
        }
    }
}
