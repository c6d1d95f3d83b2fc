package app.pdeck.info;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("info")
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {

    @Inject
    InfoService infoService;

    @GET
    public ServiceInfo info() {
        return infoService.describe();
    }
}
