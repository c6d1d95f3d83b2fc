package app.pdeck.archive;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import app.pdeck.platform.PageRequest;
import app.pdeck.platform.PageView;
import app.pdeck.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The signed-in user's archive: {@code GET /api/v1/tasks/archived} and {@code POST /api/v1/tasks/{id}/unarchive}.
 * Kept apart from the task resource so archiving stays in its feature package.
 */
@Tag(name = "tasks", description = "The caller's tasks")
@Path("tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"USER", "ADMIN"})
public class ArchivedTaskResource {

    @Inject
    ArchiveService archive;

    @Inject
    CurrentUser currentUser;

    @GET
    @Path("archived")
    @Operation(operationId = "listArchivedTasks", summary = "A page of the caller's archived tasks, newest archived first")
    public PageView<ArchivedTask> archived(@QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.of(page, size);
        return archive.listArchived(currentUser.id(), request.page(), request.size());
    }

    @POST
    @Path("{id}/unarchive")
    @Operation(operationId = "unarchiveTask", summary = "Move an archived task back (idempotent)")
    public ArchivedTask unarchive(@PathParam("id") String id) {
        return archive.unarchive(currentUser.id(), id);
    }
}
