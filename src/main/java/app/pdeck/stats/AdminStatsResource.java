package app.pdeck.stats;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/admin/stats}: users, activity, task creation and archive figures for administrators. */
@Tag(name = "admin", description = "Administration")
@Path("admin/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class AdminStatsResource {

    @Inject
    StatsService stats;

    @GET
    @Operation(operationId = "adminStats", summary = "Users, activity and archive figures")
    public AdminStats overview() {
        return stats.adminStats();
    }
}
