package app.pdeck.backup;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import app.pdeck.jobs.JobResource;
import app.pdeck.platform.PageRequest;
import app.pdeck.platform.PageView;
import app.pdeck.jobs.JobStarted;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Admin API of backups: list, inspect, run now, verify, restore, delete. */
@Tag(name = "admin", description = "Administration")
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
    @Operation(operationId = "listBackups", summary = "Complete backups, newest first")
    public PageView<BackupSummary> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return PageRequest.of(page, size).slice(backups.list());
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getBackup", summary = "One backup's manifest")
    public BackupDetails get(@PathParam("id") String id) {
        return backups.details(id);
    }

    @POST
    @Operation(operationId = "backUp", summary = "Back up now")
    @APIResponse(responseCode = "202", description = "Started; the run's results.backupId names the backup", headers = {@Header(name = "Location", description = "The run", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobStarted.class)))
    @APIResponse(responseCode = "409", description = "Another backup or restore is running", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response backupNow() {
        return JobResource.accepted(backups.startBackup());
    }

    @POST
    @Path("{id}/verify")
    @Operation(operationId = "verifyBackup", summary = "Re-hash every file and parse every document")
    public Verification verify(@PathParam("id") String id) {
        return backups.verify(id);
    }

    /** The body is optional: none restores into the application database. */
    @POST
    @Path("{id}/restore")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(operationId = "restoreBackup", summary = "Restore a backup (into targetDatabase, else the application database)")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RestoreRequest.class)))
    @APIResponse(responseCode = "202", description = "Started", headers = {@Header(name = "Location", description = "The run", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobStarted.class)))
    @APIResponse(responseCode = "409", description = "Another backup or restore is running", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "The backup is corrupted or incomplete", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response restore(@PathParam("id") String id, String body) {
        RestoreRequest request = parse(body);
        return JobResource.accepted(backups.startRestore(id, request.targetDatabase()));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteBackup", summary = "Delete a backup")
    @APIResponse(responseCode = "204", description = "Deleted")
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
