package app.pdeck.security;

import app.pdeck.user.Registration;
import app.pdeck.user.User;
import app.pdeck.user.UserView;
import jakarta.annotation.security.PermitAll;
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
    public Response register(@Valid @NotNull Registration registration, @Context UriInfo uriInfo) {
        User user = signIn.register(registration);
        return Response.created(uriInfo.getBaseUriBuilder().path("users/me").build()).entity(UserView.of(user)).build();
    }

    @POST
    @Path("login")
    @PermitAll
    public SessionTokens login(@Valid @NotNull Credentials credentials,
                               @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        return signIn.login(credentials.email(), credentials.password(), userAgent);
    }

    /** {@code POST /auth/refresh}: the body of a sign-in's or last refresh's {@code refreshToken}. */
    public record RefreshRequest(@NotNull @Size(max = 200) String refreshToken) {
    }

    /** The next access token and refresh token; the refresh token given is used up. */
    @POST
    @Path("refresh")
    @PermitAll
    public SessionTokens refresh(@Valid @NotNull RefreshRequest request) {
        return sessions.refresh(request.refreshToken());
    }

    /** Ends the caller's session: this token, the others of its session and its refresh token stop working. */
    @POST
    @Path("logout")
    @RolesAllowed({"USER", "ADMIN"})
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
    public Map<String, Object> jwks() {
        return signingKeys.publicKeys().toJSONObject(true);
    }
}
