package app.pdeck.user;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import app.pdeck.platform.PageRequest;
import app.pdeck.platform.ETags;
import app.pdeck.platform.PageView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Tag(name = "admin", description = "Administration")
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
    @Operation(operationId = "listUsers", summary = "All accounts, oldest first")
    public PageView<UserView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return userService.list(PageRequest.of(page, size));
    }

    /** With {@code If-Match}, only if the account is still at that version (else 412). */
    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "changeRole", summary = "Change an account's role; its tokens end at once")
    @APIResponse(responseCode = "200", description = "The account with its new role", headers = {@Header(name = "ETag", description = "The version, for If-Match and If-None-Match", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "409", description = "The account kept changing meanwhile; try again", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response changeRole(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @Valid @NotNull RoleChange change) {
        UserView account = UserView.of(userService.changeRole(id, change.role(), ETags.expectedVersion(ifMatch)));
        return Response.ok(account).tag(ETags.of(account.version())).build();
    }
}
