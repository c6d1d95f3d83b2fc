package app.pdeck.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import app.pdeck.platform.problem.ProblemDetail;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.ExternalDocumentation;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
                        + "application/problem+json documents. Lists page with page/size and Link headers; "
                        + "versioned resources carry an ETag for If-Match and If-None-Match.",
                contact = @Contact(name = "PDeck Data Service"),
                license = @License(name = "Proprietary", identifier = "LicenseRef-PDeck-Proprietary")),
        externalDocs = @ExternalDocumentation(description = "What may change within /api/v1, and how a "
                + "deprecation is announced", url = "/docs/api-versioning.md"),
        servers = @Server(url = "/", description = "This server; the paths carry /api/v1"),
        security = @SecurityRequirement(name = "bearer"),
        components = @Components(schemas = @Schema(name = "Problem", implementation = ProblemDetail.class,
                description = "RFC 9457 problem document; errors lists field-level validation failures")))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "Access token from POST /api/v1/auth/login")
public class RestApplication extends Application {
}
