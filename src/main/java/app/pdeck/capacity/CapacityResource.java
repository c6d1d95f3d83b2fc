package app.pdeck.capacity;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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

/** This node's load signals and recommendations, and its connection pool sizes (docs/scale-out.md, "Scaling with load"). */
@Tag(name = "admin", description = "Administration")
@Path("admin/capacity")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class CapacityResource {

    @Inject
    CapacityService capacity;

    @GET
    @Operation(operationId = "capacity", summary = "This node's load signals and recommendations")
    public CapacityReport report() {
        return capacity.report();
    }

    @GET
    @Path("pools")
    @Operation(operationId = "pools", summary = "This node's pool sizes and bounds")
    public PoolsView pools() {
        return capacity.pools();
    }

    @PUT
    @Path("pools")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "resizePools", summary = "Resize this node's pools within their bounds")
    @APIResponse(responseCode = "200", description = "The pools as resized", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PoolsView.class)))
    @APIResponse(responseCode = "422", description = "A size outside its bounds; nothing changed", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public PoolsView resize(@Valid @NotNull PoolResize sizes) {
        return capacity.resize(sizes.mongoMaxSize(), sizes.redisPoolSize());
    }

    /** Applies {@code mongodb.pool.max-size} and {@code redis.pool.size} as configured now (e.g. a system property). */
    @POST
    @Path("pools/reload")
    @Operation(operationId = "reloadPools", summary = "Apply the configured pool sizes now")
    public PoolsView reload() {
        return capacity.applyConfigured();
    }
}
