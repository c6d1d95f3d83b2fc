package app.pdeck.security.credential;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The names in the credential store (never the values) and rotation of the backend credentials. */
@Tag(name = "admin", description = "Administration")
@Path("admin/credentials")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class CredentialResource {

    @Inject
    CredentialRotation rotation;

    /** What the store holds, by name. */
    public record StoreView(boolean configured, String file, List<String> aliases) {
    }

    @GET
    @Operation(operationId = "credentialStore", summary = "The credential store's file and aliases (never a value)")
    public StoreView list() {
        SecretStore store = SecretStore.shared();
        return new StoreView(store.configured(), store.file().toString(), List.copyOf(store.aliases()));
    }

    @POST
    @Path("{name}/rotate")
    @Operation(operationId = "rotateCredential", summary = "Rotate a backend credential without a restart")
    public RotationReport rotate(@PathParam("name") String name) {
        return rotation.rotate(name);
    }
}
