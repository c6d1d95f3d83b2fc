package app.pdeck.backup;

import app.pdeck.jobs.JobResource;
import app.pdeck.platform.problem.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Admin API of backups: list, inspect, run now, verify, restore, delete. */
@Path("admin/backups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class BackupResource {

    /** Unknown fields are refused as everywhere in the API: a typo must not restore over the application database. */
    private static final Jsonb STRICT_JSON = JsonbBuilder.create(new JsonbConfig()
            .setProperty("jsonb.fail-on-unknown-properties", true));

    @Inject
    BackupService backups;

    @GET
    public List<BackupSummary> list() {
        return backups.list();
    }

    @GET
    @Path("{id}")
    public BackupDetails get(@PathParam("id") String id) {
        return backups.details(id);
    }

    @POST
    public Response backupNow() {
        return JobResource.accepted(backups.startBackup());
    }

    @POST
    @Path("{id}/verify")
    public Verification verify(@PathParam("id") String id) {
        return backups.verify(id);
    }

    /** The body is optional: none restores into the application database. */
    @POST
    @Path("{id}/restore")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response restore(@PathParam("id") String id, String body) {
        RestoreRequest request = parse(body);
        return JobResource.accepted(backups.startRestore(id, request.targetDatabase()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        backups.delete(id);
        return Response.noContent().build();
    }

    private static RestoreRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return new RestoreRequest(null);
        }
        try {
            RestoreRequest request = STRICT_JSON.fromJson(body, RestoreRequest.class);
            return request == null ? new RestoreRequest(null) : request;
        } catch (JsonbException e) {
            throw ApiException.badRequest("The body must be JSON such as {\"targetDatabase\": \"name\"}");
        }
    }
}
