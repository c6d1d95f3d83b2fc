package app.pdeck.security;

import app.pdeck.platform.PageRequest;
import app.pdeck.platform.PageView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The caller's own sign-in sessions: which devices are signed in, and signing one (or all) out. */
@Path("users/me/sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"USER", "ADMIN"})
public class SessionResource {

    @Inject
    Sessions sessions;

    @Inject
    CurrentUser currentUser;

    /** Live sessions, newest first; {@code current} marks the one of the token used for this request. */
    @GET
    public PageView<SessionView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return PageRequest.of(page, size).slice(sessions.of(currentUser.id(), currentUser.sessionId()));
    }

    /** Ends one session (its refresh token and access tokens stop working); another user's is 404. */
    @DELETE
    @Path("{id}")
    public Response end(@PathParam("id") String id) {
        sessions.endOwn(currentUser.id(), id);
        return Response.noContent().build();
    }

    /** Signs out everywhere, this session included. */
    @DELETE
    public Response endAll() {
        sessions.endAll(currentUser.id(), "ended-by-user");
        return Response.noContent().build();
    }
}
