package app.pdeck.cache;

import app.pdeck.platform.problem.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Cache statistics of this node, and flushing one cache (all nodes: the entries live in Redis). */
@Path("admin/cache")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class CacheAdminResource {

    @Inject
    CacheRuntime runtime;

    @GET
    @Path("stats")
    public CacheReport stats() {
        CacheEngine engine = runtime.engine();
        return new CacheReport(runtime.enabled(), engine.breakerState().name(), engine.invalidations(),
                engine.invalidationFailures(), engine.loadsInFlight(), engine.nearEntries(), engine.statistics().values().stream().toList());
    }

    @DELETE
    @Path("{name}")
    public Response flush(@PathParam("name") String name) {
        CacheEngine engine = runtime.engine();
        if (!engine.knows(name)) {
            throw ApiException.notFound("Cache '" + name + "'");
        }
        if (!engine.flush(name)) {
            throw ApiException.unavailable("Redis is not reachable; cache '" + name + "' was not flushed");
        }
        return Response.noContent().build();
    }
}
