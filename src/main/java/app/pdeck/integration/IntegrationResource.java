package app.pdeck.integration;

import app.pdeck.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

@Path("integrations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"USER", "ADMIN"})
public class IntegrationResource {

    @Inject
    IntegrationService integrationService;

    @Inject
    CurrentUser currentUser;

    @Context
    UriInfo uriInfo;

    @GET
    public List<IntegrationView> list() {
        return integrationService.list(currentUser.id()).stream().map(IntegrationView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull IntegrationContent content) {
        Integration integration = integrationService.create(currentUser.id(), content);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(integration.getId()).build())
                .entity(IntegrationView.of(integration)).build();
    }

    @GET
    @Path("{id}")
    public IntegrationView get(@PathParam("id") String id) {
        return IntegrationView.of(integrationService.get(currentUser.id(), id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public IntegrationView replace(@PathParam("id") String id, @Valid @NotNull IntegrationContent content) {
        return IntegrationView.of(integrationService.replace(currentUser.id(), id, content));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        integrationService.delete(currentUser.id(), id);
        return Response.noContent().build();
    }
}
