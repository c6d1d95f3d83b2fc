package app.pdeck.security.ratelimit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The per-user API budget ({@code pdeck.ratelimit.api.*}): every request with a verified token counts against its
 * user's budget in Redis, whichever node or connection it arrives on (a {@link WindowCounter}: this budget is
 * spent on every request, so it must cost one cheap round trip). Runs after the role check, so refused
 * requests do not spend it.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHORIZATION + 10)
public class ApiRateLimitFilter implements ContainerRequestFilter {

    @Inject
    RateLimiter limiter;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token
                && token.getSubject() != null) {
            limiter.count("api", RateLimitSubjects.user(token.getSubject()), "requests for this account");
        }
    }
}
