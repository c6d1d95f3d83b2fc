package app.pdeck.security;

import app.pdeck.cache.CacheRuntime;
import app.pdeck.platform.problem.ProblemDetail;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates and authorizes every REST request, once, in this order: the resource method's access rule
 * ({@code @PermitAll}, {@code @DenyAll}, {@code @RolesAllowed} on the method, else on the class; worked out once per
 * method); the bearer token, verified once per node ({@link TokenVerifier}: MicroProfile JWT's signature, issuer,
 * audience and expiry checks); the state of its signing key now; then one Redis round trip ({@link RequestGate}):
 * revoked or not, the per-user API budget (not spent by a request about to be refused with 403), the versions
 * of the caller's cached data and, for a read, the cache entry it will likely look up. No token, a bad one or a revoked one → 401 with {@code WWW-Authenticate: Bearer}; a
 * valid token without the role → 403; both as problem+json. The caller is then the request's
 * {@link SecurityContext} principal (its {@code JsonWebToken}) and {@link CurrentUser}.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthentication implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String BEARER = "Bearer ";

    /** Who may call a resource method. */
    private record Rule(boolean open, boolean closed, List<String> roles) {
        static final Rule OPEN = new Rule(true, false, List.of());
        static final Rule CLOSED = new Rule(false, true, List.of());
    }

    @Context
    ResourceInfo resourceInfo;

    @Inject
    TokenVerifier verifier;

    @Inject
    SigningKeys signingKeys;

    @Inject
    RequestGate gate;

    @Inject
    CurrentUser currentUser;

    @Inject
    CacheRuntime cache;

    private final Map<Method, Rule> rules = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        cache.forgetRequestVersions();
        Method method = resourceInfo.getResourceMethod();
        Rule rule = method == null ? Rule.OPEN : rules.computeIfAbsent(method,
                m -> ruleOf(m, resourceInfo.getResourceClass()));
        if (rule.open()) {
            return;
        }
        if (rule.closed()) {
            request.abortWith(forbidden(request));
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.abortWith(unauthorized(request, "Sign in and send the access token as 'Authorization: Bearer <token>'"));
            return;
        }
        Caller caller;
        try {
            caller = verifier.verify(header.substring(BEARER.length()).strip());
        } catch (ParseException e) {
            request.abortWith(unauthorized(request, "The access token is not valid: it is malformed, expired or not ours"));
            return;
        }
        if (!signingKeys.accepts(caller.keyId())) {
            request.abortWith(unauthorized(request, "This access token was signed with a key that is no longer accepted"));
            return;
        }
        boolean allowed = false;
        for (String role : rule.roles()) {
            allowed |= caller.hasRole(role);
        }
        if (gate.admit(caller, allowed, allowed ? readRoute(request) : null) == RequestGate.Verdict.REVOKED) {
            request.abortWith(unauthorized(request, "This access token has been revoked"));
            return;
        }
        if (!allowed) {
            request.abortWith(forbidden(request));
            return;
        }
        request.setSecurityContext(new CallerContext(caller, request.getSecurityContext().isSecure()));
        currentUser.signedIn(caller);
    }

    /** The versions read for this request are not used past it. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        cache.forgetRequestVersions();
    }

    /**
     * What a read asks for (raw path and query), so that the gate can read the cache entry it will likely look up;
     * null for writes, and for conditional reads, which are mostly answered 304 without the entry.
     */
    private static String readRoute(ContainerRequestContext request) {
        if (!"GET".equals(request.getMethod()) || request.getHeaderString(HttpHeaders.IF_NONE_MATCH) != null) {
            return null;
        }
        URI uri = request.getUriInfo().getRequestUri();
        String query = uri.getRawQuery();
        return query == null ? uri.getRawPath() : uri.getRawPath() + '?' + query;
    }

    private static Rule ruleOf(Method method, Class<?> resource) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return Rule.OPEN;
        }
        if (method.isAnnotationPresent(DenyAll.class)) {
            return Rule.CLOSED;
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null && resource != null) {
            roles = resource.getAnnotation(RolesAllowed.class);
        }
        return roles == null ? Rule.OPEN : new Rule(false, false, List.of(roles.value()));
    }

    private static Response unauthorized(ContainerRequestContext request, String detail) {
        return Response.fromResponse(ProblemDetail.of(Response.Status.UNAUTHORIZED, "unauthorized", detail)
                        .withInstance(request.getUriInfo().getPath(false)).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static Response forbidden(ContainerRequestContext request) {
        return ProblemDetail.of(Response.Status.FORBIDDEN, "forbidden", "You are not allowed to do this")
                .withInstance(request.getUriInfo().getPath(false)).toResponse();
    }

    /** The request's security context once its caller is known. */
    private record CallerContext(Caller caller, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller.token();
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.hasRole(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
