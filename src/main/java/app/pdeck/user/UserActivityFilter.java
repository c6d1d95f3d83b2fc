package app.pdeck.user;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Counts every answered request of a signed-in user (the token's subject is the user id) in {@link UserActivity}. */
@Provider
public class UserActivityFilter implements ContainerResponseFilter {

    @Inject
    UserActivity activity;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token
                && response.getStatus() < 400) {
            activity.recordRequest(token.getSubject());
        }
    }
}
