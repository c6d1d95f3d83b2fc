package app.pdeck.monitoring;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/admin/db/status} and {@code GET /api/v1/admin/db/collections}. */
@Path("admin/db")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class DatabaseAdminResource {

    @Inject
    DatabaseStatusService service;

    @GET
    @Path("status")
    public DatabaseStatus status() {
        return service.status();
    }

    @GET
    @Path("collections")
    public CollectionsReport collections() {
        return service.collections();
    }
}
