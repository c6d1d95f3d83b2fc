package app.pdeck.cache.probe;

import app.pdeck.user.UserActivity;
import app.pdeck.platform.problem.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Test-only HTTP face of {@link CacheProbeService} ({@code /api/v1/test/cache-probe}); never in the product WAR. */
@Path("test/cache-probe/{owner}")
@Produces(MediaType.APPLICATION_JSON)
public class CacheProbeResource {

    @Inject
    CacheProbeService probe;

    @Inject
    UserActivity activity;

    @POST
    @Path("activity")
    public void recordActivity(@PathParam("owner") String owner) {
        activity.recordRequest(owner);
    }

    @GET
    @Path("items")
    public List<ProbeItem> list(@PathParam("owner") String owner, @QueryParam("delayMs") @DefaultValue("0") long delayMs) {
        return probe.list(owner, delayMs);
    }

    @POST
    @Path("items")
    @Consumes(MediaType.TEXT_PLAIN)
    public ProbeItem add(@PathParam("owner") String owner, String title) {
        return probe.add(owner, title);
    }

    @GET
    @Path("items/{id}")
    public ProbeItem item(@PathParam("owner") String owner, @PathParam("id") String id) {
        return probe.item(owner, id).orElseThrow(() -> ApiException.notFound("Probe item"));
    }

    @PUT
    @Path("items/{id}")
    @Consumes(MediaType.TEXT_PLAIN)
    public ProbeItem rename(@PathParam("owner") String owner, @PathParam("id") String id, String title) {
        ProbeItem current = probe.item(owner, id).orElseThrow(() -> ApiException.notFound("Probe item"));
        ProbeItem renamed = new ProbeItem(id, owner, title, current.createdAt());
        probe.rename(owner, id, renamed);
        return renamed;
    }

    @GET
    @Path("loads")
    public int loads(@PathParam("owner") String owner) {
        return probe.loads(owner);
    }
}
