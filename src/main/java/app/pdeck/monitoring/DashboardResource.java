package app.pdeck.monitoring;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/admin/dashboard}: the data of the dashboard page at {@code /dashboard/}. */
@Path("admin/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class DashboardResource {

    @Inject
    DashboardService service;

    @GET
    public Dashboard read() {
        return service.read();
    }
}
