package app.pdeck.security;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import app.pdeck.user.Registration;
import app.pdeck.user.User;
import app.pdeck.user.UserView;
import jakarta.annotation.security.PermitAll;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.Map;

@Tag(name = "auth", description = "Registration, sign-in, sessions and the token keys")
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    SignIn signIn;

    @Inject
    RevokedTokens revokedTokens;

    @Inject
    Sessions sessions;

    @Inject
    SigningKeys signingKeys;

    @Inject
    CurrentUser currentUser;

    @POST
    @Path("register")
    @PermitAll
    @SecurityRequirementsSet
    @Operation(operationId = "register", summary = "Create an account")
    @APIResponse(responseCode = "201", description = "The new account", headers = {@Header(name = "Location", description = "The new resource", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "409", description = "An account with this email exists", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "429", description = "Too many registrations from this address", headers = {@Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER))}, content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response register(@Valid @NotNull Registration registration, @Context UriInfo uriInfo) {
        User user = signIn.register(registration);
        return Response.created(uriInfo.getBaseUriBuilder().path("users/me").build()).entity(UserView.of(user)).build();
    }

    @POST
    @Path("login")
    @PermitAll
    @SecurityRequirementsSet
    @Operation(operationId = "login", summary = "Sign in: a new session with an access token and a refresh token")
    @APIResponse(responseCode = "200", description = "Signed in", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionTokens.class)))
    @APIResponse(responseCode = "401", description = "Email or password is wrong (also for a locked account)", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "429", description = "Too many sign-in attempts for this address or account", headers = {@Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER))}, content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public SessionTokens login(@Valid @NotNull Credentials credentials,
                               @Parameter(hidden = true) @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        return signIn.login(credentials.email(), credentials.password(), userAgent);
    }

    /** {@code POST /auth/refresh}: the body of a sign-in's or last refresh's {@code refreshToken}. */
    public record RefreshRequest(@NotNull @Size(max = 200) String refreshToken) {
    }

    /** The next access token and refresh token; the refresh token given is used up. */
    @POST
    @Path("refresh")
    @PermitAll
    @SecurityRequirementsSet
    @Operation(operationId = "refresh", summary = "The next access token and refresh token of a session")
    @APIResponse(responseCode = "200", description = "The next pair; the refresh token given is used up", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionTokens.class)))
    @APIResponse(responseCode = "401", description = "Unknown, used or expired refresh token (a used one also ends its session)", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public SessionTokens refresh(@Valid @NotNull RefreshRequest request) {
        return sessions.refresh(request.refreshToken());
    }

    /** Ends the caller's session: this token, the others of its session and its refresh token stop working. */
    @POST
    @Path("logout")
    @RolesAllowed({"USER", "ADMIN"})
    @Operation(operationId = "logout", summary = "End the session of the token used")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Response logout() {
        revokedTokens.revokeToken(currentUser.id(), currentUser.tokenId(), currentUser.tokenExpiresAt());
        if (currentUser.sessionId() != null) {
            sessions.end(currentUser.sessionId(), "logout");
        }
        return Response.noContent().build();
    }

    /** The public keys that verify this service's tokens, for other PDeck services. */
    @GET
    @Path("jwks")
    @PermitAll
    @SecurityRequirementsSet
    @Operation(operationId = "publishedKeys", summary = "The public keys that verify access tokens (JWK set)")
    public Map<String, Object> jwks() {
        return signingKeys.publicKeys().toJSONObject(true);
    }
}
