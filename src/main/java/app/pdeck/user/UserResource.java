package app.pdeck.user;

import app.pdeck.platform.ETags;
import app.pdeck.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
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

    /** The caller's profile; its {@code ETag} is the account's version ({@code If-None-Match} → 304). */
    @GET
    public Response me(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        UserView profile = userService.profile(currentUser.id());
        return ETags.currentOrNotModified(profile, profile.version(), ifNoneMatch);
    }

    /** Changes the fields given; with {@code If-Match}, only if the account is still at that version (else 412). */
    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Response update(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull ProfileUpdate update) {
        UserView profile = userService.update(currentUser.id(), update, ETags.expectedVersion(ifMatch));
        return Response.ok(profile).tag(ETags.of(profile.version())).build();
    }

    @DELETE
    public Response delete() {
        userService.delete(currentUser.id());
        return Response.noContent().build();
    }
}
