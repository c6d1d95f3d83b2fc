package app.pdeck.stats;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import app.pdeck.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/stats/tasks}: the caller's task statistics. */
@Tag(name = "tasks", description = "The caller's tasks")
@Path("stats/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"USER", "ADMIN"})
public class StatsResource {

    @Inject
    StatsService stats;

    @Inject
    CurrentUser currentUser;

    @GET
    @Operation(operationId = "taskStats", summary = "Counts and trends of the caller's tasks")
    public TaskStats tasks() {
        return stats.taskStats(currentUser.id());
    }
}
