package app.pdeck.project;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import app.pdeck.platform.ETags;
import app.pdeck.platform.PageRequest;
import app.pdeck.platform.PageView;
import app.pdeck.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Tag(name = "projects", description = "The caller's projects")
@Path("projects")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"USER", "ADMIN"})
public class ProjectResource {

    @Inject
    ProjectService projectService;

    @Inject
    CurrentUser currentUser;

    @Context
    UriInfo uriInfo;

    /** A page of the caller's projects by name, {@code {items, page, size, total}} like every list. */
    @GET
    @Operation(operationId = "listProjects", summary = "A page of the caller's projects by name")
    public PageView<ProjectView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return PageRequest.of(page, size).slice(projectService.list(currentUser.id()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createProject", summary = "Create a project")
    @APIResponse(responseCode = "201", description = "The new project", headers = {@Header(name = "Location", description = "The new resource", schema = @Schema(type = SchemaType.STRING)), @Header(name = "ETag", description = "The version, for If-Match and If-None-Match", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectView.class)))
    public Response create(@Valid @NotNull ProjectContent content) {
        Project project = projectService.create(currentUser.id(), content);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(project.getId()).build())
                .tag(ETags.of(project.getVersion())).entity(ProjectView.of(project)).build();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getProject", summary = "One project")
    @APIResponse(responseCode = "200", description = "The project", headers = {@Header(name = "ETag", description = "The version, for If-Match and If-None-Match", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectView.class)))
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Project project = projectService.get(currentUser.id(), id);
        return ETags.currentOrNotModified(ProjectView.of(project), project.getVersion(), ifNoneMatch);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceProject", summary = "Replace a project")
    @APIResponse(responseCode = "200", description = "The project as stored", headers = {@Header(name = "ETag", description = "The version, for If-Match and If-None-Match", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectView.class)))
    public Response replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Valid @NotNull ProjectContent content) {
        Project project = projectService.replace(currentUser.id(), id, content, ETags.expectedVersion(ifMatch));
        return Response.ok(ProjectView.of(project)).tag(ETags.of(project.getVersion())).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteProject", summary = "Delete a project (its tasks stay, without the project)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        projectService.delete(currentUser.id(), id);
        return Response.noContent().build();
    }
}
