package app.pdeck.security;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /auth/jwks}: the public keys that verify this service's access tokens, for other PDeck services. */
@Tag(name = "auth", description = "Registration, sign-in, sessions and the token keys")
@Path("auth/jwks")
@Produces(MediaType.APPLICATION_JSON)
public class PublishedKeysResource {

    @Inject
    SigningKeys signingKeys;

    @GET
    @PermitAll
    @SecurityRequirementsSet
    @Operation(operationId = "publishedKeys", summary = "The public keys that verify access tokens (JWK set)")
    public Map<String, Object> jwks() {
        return signingKeys.publicKeys().toJSONObject(true);
    }
}
