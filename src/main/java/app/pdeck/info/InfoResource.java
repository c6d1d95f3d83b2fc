package app.pdeck.info;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /info}: what runs here; public, and answered without any backend call. */
@Tag(name = "service", description = "The service itself")
@Path("info")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {

    @Inject
    InfoService infoService;

    @GET
    @SecurityRequirementsSet
    @Operation(operationId = "info", summary = "Application name, version and database")
    public ServiceInfo info() {
        return infoService.describe();
    }
}
