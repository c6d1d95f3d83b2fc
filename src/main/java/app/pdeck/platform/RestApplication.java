package app.pdeck.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * Roots every REST resource under {@code /api/v1}; callers sign in with MicroProfile JWT bearer tokens, which
 * {@link app.pdeck.security.BearerAuthentication} checks (not the server's MP-JWT mechanism: see its comment). The
 * OpenAPI document is served at {@code /openapi}.
 */
@ApplicationPath("api/v1")
@OpenAPIDefinition(
        info = @Info(title = "PDeck Data Service", version = "1",
                description = "Users, tasks, projects and integrations of PDeck. Errors are RFC 9457 "
                        + "application/problem+json documents."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "Access token from POST /api/v1/auth/login")
public class RestApplication extends Application {
}
