package app.pdeck.security;

import app.pdeck.platform.problem.ProblemDetail;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Enforces {@code @RolesAllowed} on resources: no valid token (missing, bad signature, expired, revoked) → 401 with
 * {@code WWW-Authenticate: Bearer} (also for a token whose signing key was retired since); a valid token without the
 * role → 403. Both as problem+json. MicroProfile JWT has
 * already verified signature, issuer and expiry when a principal is present.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHORIZATION)
public class AccessControlFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    @Inject
    RevokedTokens revokedTokens;

    @Inject
    SigningKeys signingKeys;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        Class<?> resource = resourceInfo.getResourceClass();
        if (method == null || method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        if (method.isAnnotationPresent(DenyAll.class)) {
            request.abortWith(forbidden());
            return;
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null && resource != null) {
            roles = resource.getAnnotation(RolesAllowed.class);
        }
        if (roles == null) {
            return;
        }
        SecurityContext security = request.getSecurityContext();
        if (!(security.getUserPrincipal() instanceof JsonWebToken token)) {
            request.abortWith(unauthorized("Sign in and send the access token as 'Authorization: Bearer <token>'"));
            return;
        }
        if (revokedTokens.isRevoked(token.getTokenID(), token.getSubject())) {
            request.abortWith(unauthorized("This access token has been revoked"));
            return;
        }
        if (!signingKeys.accepts(keyId(token))) {
            request.abortWith(unauthorized("This access token was signed with a key that is no longer accepted"));
            return;
        }
        if (Arrays.stream(roles.value()).noneMatch(security::isUserInRole)) {
            request.abortWith(forbidden());
        }
    }

    /**
     * The {@code kid} of the token's header. MicroProfile JWT verified the signature against the keys it loaded when
     * the application started; this check applies the key states of now, so retiring a key needs no restart.
     */
    static String keyId(JsonWebToken token) {
        String raw = token.getRawToken();
        int dot = raw == null ? -1 : raw.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            return com.nimbusds.jose.JWSHeader.parse(com.nimbusds.jose.util.Base64URL.from(raw.substring(0, dot)))
                    .getKeyID();
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(ProblemDetail.of(Response.Status.UNAUTHORIZED, "unauthorized", detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static Response forbidden() {
        return ProblemDetail.of(Response.Status.FORBIDDEN, "forbidden", "You are not allowed to do this").toResponse();
    }
}
