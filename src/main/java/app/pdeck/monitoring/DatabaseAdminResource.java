package app.pdeck.monitoring;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/admin/db/status} and {@code GET /api/v1/admin/db/collections}. */
@Tag(name = "admin", description = "Administration")
@Path("admin/db")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class DatabaseAdminResource {

    @Inject
    DatabaseStatusService service;

    @GET
    @Path("status")
    @Operation(operationId = "databaseStatus", summary = "MongoDB connection, topology and pool")
    public DatabaseStatus status() {
        return service.status();
    }

    @GET
    @Path("collections")
    @Operation(operationId = "databaseCollections", summary = "Sizes and indexes of every collection")
    public CollectionsReport collections() {
        return service.collections();
    }
}
