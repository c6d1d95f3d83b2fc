package app.pdeck.user;

import app.pdeck.platform.PageView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class AdminUserResource {

    /** {@code PATCH /admin/users/{id}}: an administrator changes an account's role. */
    public record RoleChange(@NotNull Role role) {
    }

    @Inject
    UserService userService;

    @GET
    public PageView<UserView> list(@QueryParam("page") @DefaultValue("1") @Min(1) int page,
                                   @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return userService.list(page, size);
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public UserView changeRole(@PathParam("id") String id, @Valid @NotNull RoleChange change) {
        return UserView.of(userService.changeRole(id, change.role()));
    }
}
