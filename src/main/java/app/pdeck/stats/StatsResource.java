package app.pdeck.stats;

import app.pdeck.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/stats/tasks}: the caller's task statistics. */
@Path("stats/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"USER", "ADMIN"})
public class StatsResource {

    @Inject
    StatsService stats;

    @Inject
    CurrentUser currentUser;

    @GET
    public TaskStats tasks() {
        return stats.taskStats(currentUser.id());
    }
}
