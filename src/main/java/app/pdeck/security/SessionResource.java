package app.pdeck.security;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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
@Tag(name = "sessions", description = "The caller's sign-in sessions")
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
    @Operation(operationId = "listSessions", summary = "The caller's live sessions, newest first")
    public PageView<SessionView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return PageRequest.of(page, size).slice(sessions.of(currentUser.id(), currentUser.sessionId()));
    }

    /** Ends one session (its refresh token and access tokens stop working); another user's is 404. */
    @DELETE
    @Path("{id}")
    @Operation(operationId = "endSession", summary = "End one of the caller's sessions")
    @APIResponse(responseCode = "204", description = "Ended")
    public Response end(@PathParam("id") String id) {
        sessions.endOwn(currentUser.id(), id);
        return Response.noContent().build();
    }

    /** Signs out everywhere, this session included. */
    @DELETE
    @Operation(operationId = "endAllSessions", summary = "End every session of the caller, this one included")
    @APIResponse(responseCode = "204", description = "Ended")
    public Response endAll() {
        sessions.endAll(currentUser.id(), "ended-by-user");
        return Response.noContent().build();
    }
}
