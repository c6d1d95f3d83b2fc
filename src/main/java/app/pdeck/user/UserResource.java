package app.pdeck.user;

import app.pdeck.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("users/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"USER", "ADMIN"})
public class UserResource {

    @Inject
    UserService userService;

    @Inject
    CurrentUser currentUser;

    @GET
    public UserView me() {
        return userService.profile(currentUser.id());
    }

    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public UserView update(@Valid @NotNull ProfileUpdate update) {
        return userService.update(currentUser.id(), update);
    }

    @DELETE
    public Response delete() {
        userService.delete(currentUser.id());
        return Response.noContent().build();
    }
}
