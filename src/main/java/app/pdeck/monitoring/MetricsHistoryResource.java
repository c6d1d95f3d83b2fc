package app.pdeck.monitoring;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/admin/metrics/history?from&to&metric}. */
@Path("admin/metrics/history")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class MetricsHistoryResource {

    @Inject
    MetricsHistoryService service;

    @GET
    public MetricsHistory history(@QueryParam("from") String from, @QueryParam("to") String to,
                                  @QueryParam("metric") String metric) {
        return service.read(from, to, metric);
    }
}
