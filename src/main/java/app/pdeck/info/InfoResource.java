package app.pdeck.info;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /info}: what runs here; public, and answered without any backend call. */
@Path("info")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {

    @Inject
    InfoService infoService;

    @GET
    public ServiceInfo info() {
        return infoService.describe();
    }
}
