package app.pdeck.monitoring;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/admin/metrics/history?from&to&metric}. */
@Tag(name = "admin", description = "Administration")
@Path("admin/metrics/history")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class MetricsHistoryResource {

    @Inject
    MetricsHistoryService service;

    @GET
    @Operation(operationId = "metricsHistory", summary = "Metric snapshots between two instants, or one metric's points")
    public MetricsHistory history(@QueryParam("from") String from, @QueryParam("to") String to,
                                  @QueryParam("metric") String metric) {
        return service.read(from, to, metric);
    }
}
