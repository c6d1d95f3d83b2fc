package app.pdeck.cache;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import app.pdeck.audit.AuditOutcome;
import app.pdeck.audit.AuditTrail;
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
import java.util.Map;

/** Cache statistics of this node, and flushing one cache (all nodes: the entries live in Redis). */
@Tag(name = "admin", description = "Administration")
@Path("admin/cache")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class CacheAdminResource {

    @Inject
    CacheRuntime runtime;

    @Inject
    AuditTrail audit;

    @GET
    @Path("stats")
    @Operation(operationId = "cacheStats", summary = "Cache statistics of this node")
    public CacheReport stats() {
        CacheEngine engine = runtime.engine();
        return new CacheReport(runtime.enabled(), engine.redisCalls().state().name(), engine.invalidations(),
                engine.redisCalls().invalidationFailures(), engine.loadsInFlight(), engine.nearEntries(),
                engine.statistics().views().values().stream().toList());
    }

    @DELETE
    @Path("{name}")
    @Operation(operationId = "flushCache", summary = "Flush one cache on every node")
    @APIResponse(responseCode = "204", description = "Flushed")
    public Response flush(@PathParam("name") String name) {
        CacheEngine engine = runtime.engine();
        if (!engine.statistics().knows(name)) {
            throw ApiException.notFound("Cache '" + name + "'");
        }
        if (!engine.flush(name)) {
            audit.record("cache.flush", AuditOutcome.FAILURE, name, Map.of("reason", "Redis not reachable"));
            throw ApiException.unavailable("Redis is not reachable; cache '" + name + "' was not flushed");
        }
        audit.record("cache.flush", AuditOutcome.SUCCESS, name, Map.of());
        return Response.noContent().build();
    }
}
