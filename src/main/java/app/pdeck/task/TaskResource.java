package app.pdeck.task;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import app.pdeck.cache.CacheRuntime;
import app.pdeck.cache.Rendered;
import app.pdeck.platform.ETags;
import app.pdeck.platform.PageRequest;
import app.pdeck.platform.problem.ApiException;
import app.pdeck.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import app.pdeck.platform.JsonBodies;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Tag(name = "tasks", description = "The caller's tasks")
@Path("tasks")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"USER", "ADMIN"})
public class TaskResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    /** Answers for one user: any cache may keep them only for that user, and must revalidate before reuse. */
    private static final CacheControl PER_USER = CacheControl.valueOf("private, no-cache");

    /** {@code POST /tasks/bulk}. */
    public record BulkRequest(@NotNull @Size(min = 1, max = TaskService.MAX_BULK) List<@NotNull @Valid TaskContent> tasks) {
    }

    /** {@code POST /tasks/bulk} answer: the created tasks, in request order. */
    public record BulkResult(int created, List<TaskView> items) {
    }

    @Inject
    TaskService taskService;

    @Inject
    CurrentUser currentUser;

    @Inject
    CacheRuntime cache;

    @Context
    UriInfo uriInfo;

    /**
     * A page of the caller's tasks. Its {@code ETag} comes from the versions of the caller's cached data, so a client
     * that polls with {@code If-None-Match} gets {@code 304 Not Modified} without a body, and without the list being
     * looked up, until any of its tasks changes.
     */
    @GET
    @Operation(operationId = "listTasks", summary = "A page of the caller's tasks, filtered and sorted")
    @APIResponse(responseCode = "200", description = "A page of tasks", headers = @Header(name = "ETag", description = "Changes when any of the caller's cached data changes; for If-None-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskPage.class)))
    public Response list(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                         @Parameter(schema = @Schema(implementation = TaskStatus.class))
                         @QueryParam("status") String status,
                         @QueryParam("tag") String tag,
                         @QueryParam("projectId") String projectId,
                         @QueryParam("dueBefore") String dueBefore,
                         @QueryParam("dueAfter") String dueAfter,
                         @QueryParam("q") String text,
                         @Parameter(description = "priority, -priority, dueDate, -dueDate, createdAt or -createdAt (default -priority)")
                         @QueryParam("sort") String sort,
                         @QueryParam("page") String page,
                         @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        TaskQuery query = new TaskQuery(
                status == null ? null : enumValue(status),
                limited("tag", tag, 40),
                limited("projectId", projectId, 64),
                instant("dueBefore", dueBefore),
                instant("dueAfter", dueAfter),
                limited("q", text, 200),
                TaskSort.fromParameter(sort),
                paging.page(), paging.size());
        String userId = currentUser.id();
        Optional<String> listTag = cache.versionTag(userId);
        Optional<String> held = listTag.flatMap(current -> ETags.matchingNoneMatch(ifNoneMatch, current));
        if (held.isPresent()) {
            return notModified(held.get());
        }
        Rendered<TaskPage> answer = taskService.list(userId, query);
        return Response.ok(answer).tag(listTag.map(EntityTag::new).orElse(null)).cacheControl(PER_USER).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createTask", summary = "Create a task")
    @APIResponse(responseCode = "201", description = "The new task", headers = {@Header(name = "Location", description = "The new resource", schema = @Schema(type = SchemaType.STRING)), @Header(name = "ETag", description = "The version, for If-Match and If-None-Match", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskView.class)))
    public Response create(@Valid @NotNull TaskContent content) {
        Task task = taskService.create(currentUser.id(), content);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(task.getId()).build())
                .tag(etag(task)).entity(TaskView.of(task)).build();
    }

    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createTasks", summary = "Create up to 500 tasks at once (all or none)")
    @APIResponse(responseCode = "201", description = "The new tasks", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BulkResult.class)))
    public Response createAll(@Valid @NotNull BulkRequest request) {
        List<Task> tasks = taskService.createAll(currentUser.id(), request.tasks());
        return Response.status(Response.Status.CREATED)
                .entity(new BulkResult(tasks.size(), tasks.stream().map(TaskView::of).toList())).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getTask", summary = "One task")
    @APIResponse(responseCode = "200", description = "The task", headers = @Header(name = "ETag", description = "The version, for If-Match and If-None-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskView.class)))
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        TaskView task = taskService.view(currentUser.id(), id).orElseThrow(() -> ApiException.notFound("Task"));
        EntityTag tag = ETags.of(task.version());
        Optional<String> held = ETags.matchingNoneMatch(ifNoneMatch, tag.getValue());
        if (held.isPresent()) {
            return notModified(held.get());
        }
        return Response.ok(task).tag(tag).cacheControl(PER_USER).build();
    }

    /** 304, repeating the tag the client holds (with its content-coding suffix, if any). */
    private static Response notModified(String heldTag) {
        return Response.notModified().header(HttpHeaders.ETAG, heldTag).cacheControl(PER_USER)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceTask", summary = "Replace a task")
    @APIResponse(responseCode = "200", description = "The task as stored", headers = {@Header(name = "ETag", description = "The version, for If-Match and If-None-Match", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskView.class)))
    public Response replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Valid @NotNull TaskContent content) {
        TaskView task = taskService.replace(currentUser.id(), id, content, ETags.expectedVersion(ifMatch));
        return Response.ok(task).tag(ETags.of(task.version())).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @RequestBody(required = true, description = "JSON merge patch (RFC 7396): members present replace the task's, null clears an optional one; id, version and the times are read-only", content = {
            @Content(mediaType = "application/merge-patch+json", schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT))})
    @Operation(operationId = "patchTask", summary = "Change some fields of a task (JSON merge patch; null clears)")
    @APIResponse(responseCode = "200", description = "The task as stored", headers = {@Header(name = "ETag", description = "The version, for If-Match and If-None-Match", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskView.class)))
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @NotNull InputStream patch) {
        TaskView task = taskService.patch(currentUser.id(), id, JsonBodies.object(patch),
                ETags.expectedVersion(ifMatch));
        return Response.ok(task).tag(ETags.of(task.version())).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteTask", summary = "Delete a task")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        taskService.delete(currentUser.id(), id);
        return Response.noContent().build();
    }

    static EntityTag etag(Task task) {
        return ETags.of(task.getVersion());
    }

    private static TaskStatus enumValue(String status) {
        try {
            return TaskStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("status", "must be TODO, IN_PROGRESS or DONE");
        }
    }

    private static String limited(String name, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > max) {
            throw ApiException.invalid(name, "must have 1 to " + max + " characters");
        }
        return value;
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be an ISO-8601 instant such as 2026-12-01T09:00:00Z");
        }
    }
}
