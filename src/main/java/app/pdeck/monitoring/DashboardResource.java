package app.pdeck.monitoring;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/admin/dashboard}: the data of the dashboard page at {@code /dashboard/}. */
@Tag(name = "admin", description = "Administration")
@Path("admin/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class DashboardResource {

    @Inject
    DashboardService service;

    @GET
    @Operation(operationId = "dashboard", summary = "Everything the dashboard page shows, in one answer")
    public Dashboard read() {
        return service.read();
    }
}
