package app.pdeck.project;

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
    public PageView<ProjectView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return PageRequest.of(page, size).slice(projectService.list(currentUser.id()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull ProjectContent content) {
        Project project = projectService.create(currentUser.id(), content);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(project.getId()).build())
                .tag(ETags.of(project.getVersion())).entity(ProjectView.of(project)).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Project project = projectService.get(currentUser.id(), id);
        return ETags.currentOrNotModified(ProjectView.of(project), project.getVersion(), ifNoneMatch);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Valid @NotNull ProjectContent content) {
        Project project = projectService.replace(currentUser.id(), id, content, ETags.expectedVersion(ifMatch));
        return Response.ok(ProjectView.of(project)).tag(ETags.of(project.getVersion())).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        projectService.delete(currentUser.id(), id);
        return Response.noContent().build();
    }
}
