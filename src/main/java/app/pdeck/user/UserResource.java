package app.pdeck.user;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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

@Tag(name = "profile", description = "The caller's account")
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
    @Operation(operationId = "getProfile", summary = "The caller's profile")
    @APIResponse(responseCode = "200", description = "The profile", headers = {@Header(name = "ETag", description = "The version, for If-Match and If-None-Match", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    public Response me(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        UserView profile = userService.profile(currentUser.id());
        return ETags.currentOrNotModified(profile, profile.version(), ifNoneMatch);
    }

    /** Changes the fields given; with {@code If-Match}, only if the account is still at that version (else 412). */
    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateProfile", summary = "Change name, preferences or password (with currentPassword)")
    @APIResponse(responseCode = "200", description = "The changed profile", headers = {@Header(name = "ETag", description = "The version, for If-Match and If-None-Match", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "409", description = "The account kept changing meanwhile; try again", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response update(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull ProfileUpdate update) {
        UserView profile = userService.update(currentUser.id(), update, ETags.expectedVersion(ifMatch));
        return Response.ok(profile).tag(ETags.of(profile.version())).build();
    }

    @DELETE
    @Operation(operationId = "deleteAccount", summary = "Delete the account and everything it owns")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete() {
        userService.delete(currentUser.id());
        return Response.noContent().build();
    }
}
