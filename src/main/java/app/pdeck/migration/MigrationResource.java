package app.pdeck.migration;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import app.pdeck.platform.problem.ApiException;
import app.pdeck.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Admin view and control of the migrations: status, up/down to a version (optionally as a dry run), repair. */
@Tag(name = "admin", description = "Administration")
@Path("admin/migrations")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class MigrationResource {

    @Inject
    Migrations migrations;

    @Inject
    CurrentUser caller;

    /** What {@code POST repair} answers: the migrations whose stored checksum was rewritten. */
    public record Repair(List<Drift> repaired) {
    }

    @GET
    @Operation(operationId = "migrationStatus", summary = "Applied and pending migrations, drift, lock holder")
    public MigrationStatus status() {
        return migrations.status();
    }

    @POST
    @Path("up")
    @Operation(operationId = "migrateUp", summary = "Apply pending migrations (up to and including to)")
    @APIResponse(responseCode = "200", description = "What ran", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MigrationRun.class)))
    @APIResponse(responseCode = "409", description = "Another node holds the migration lock, or checksums drifted", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public MigrationRun up(@QueryParam("to") String to, @QueryParam("dryRun") String dryRun) {
        return migrations.up(blankToNull(to), flag("dryRun", dryRun));
    }

    @POST
    @Path("down")
    @Operation(operationId = "migrateDown", summary = "Revert applied migrations newer than to")
    @APIResponse(responseCode = "200", description = "What ran", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MigrationRun.class)))
    @APIResponse(responseCode = "409", description = "Another node holds the migration lock, or checksums drifted", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public MigrationRun down(@QueryParam("to") String to, @QueryParam("dryRun") String dryRun) {
        return migrations.down(blankToNull(to), flag("dryRun", dryRun));
    }

    @POST
    @Path("repair")
    @Operation(operationId = "repairMigrations", summary = "Accept the current code of drifted migrations")
    public Repair repair() {
        return new Repair(migrations.repair(caller.email() + " (user " + caller.id() + ")"));
    }

    /** Parsed here: JAX-RS answers 404 for a query parameter it cannot convert, and this is a 400. */
    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiException.invalid(name, "must be true or false");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
