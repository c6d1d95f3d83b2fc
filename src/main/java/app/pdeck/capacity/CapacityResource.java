package app.pdeck.capacity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** This node's load signals and recommendations, and its connection pool sizes (README "Scaling with load"). */
@Path("admin/capacity")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class CapacityResource {

    @Inject
    CapacityService capacity;

    @GET
    public CapacityReport report() {
        return capacity.report();
    }

    @GET
    @Path("pools")
    public PoolsView pools() {
        return capacity.pools();
    }

    @PUT
    @Path("pools")
    @Consumes(MediaType.APPLICATION_JSON)
    public PoolsView resize(@Valid @NotNull PoolResize sizes) {
        return capacity.resize(sizes.mongoMaxSize(), sizes.redisPoolSize());
    }

    /** Applies {@code mongodb.pool.max-size} and {@code redis.pool.size} as configured now (e.g. a system property). */
    @POST
    @Path("pools/reload")
    public PoolsView reload() {
        return capacity.applyConfigured();
    }
}
