package app.pdeck.security.keys;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import app.pdeck.jobs.JobResource;
import app.pdeck.jobs.JobStarted;
import app.pdeck.jobs.JobRunner;
import app.pdeck.jobs.JobTrigger;
import app.pdeck.platform.QueryParameters;
import app.pdeck.security.FieldEncryption;
import app.pdeck.security.SigningKeys;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Key rotation for administrators: what uses which key, and re-encrypting under the active key. */
@Tag(name = "admin", description = "Administration")
@Path("admin/keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class KeyResource {

    @Inject
    FieldEncryption encryption;

    @Inject
    SigningKeys signingKeys;

    @Inject
    EncryptedStores stores;

    @Inject
    ReEncryptionJob reEncryption;

    @Inject
    JobRunner runner;

    @Inject
    org.eclipse.microprofile.config.Config config;

    @GET
    @Operation(operationId = "keys", summary = "Encryption and signing keys and what uses them (never key material)")
    public KeyReport report() {
        Map<String, Long> counts = stores.valuesPerKey();
        Map<String, Long> backups = stores.backupsPerKey();
        String active = encryption.activeKeyId();
        String backupKey = config.getOptionalValue("pdeck.backup.encryption-key", String.class).orElse("");
        TreeSet<String> ids = new TreeSet<>(encryption.keyIds());
        ids.addAll(counts.keySet());
        ids.addAll(backups.keySet());
        List<KeyReport.EncryptionKey> keys = new ArrayList<>();
        for (String id : ids) {
            long values = counts.getOrDefault(id, 0L);
            long sealedBackups = backups.getOrDefault(id, 0L);
            boolean configured = encryption.keyIds().contains(id);
            keys.add(new KeyReport.EncryptionKey(id, configured, id.equals(active), values, sealedBackups,
                    configured && !id.equals(active) && !id.equals(backupKey) && values == 0 && sealedBackups == 0));
        }
        return new KeyReport(active, keys, signingKeys.states());
    }

    /** Starts the re-encryption job now; {@code limit} stops it after that many values. 202 with the run. */
    @POST
    @Path("re-encrypt")
    @Operation(operationId = "reEncrypt", summary = "Re-encrypt integration tokens under the active key now")
    @APIResponse(responseCode = "202", description = "Started", headers = {@Header(name = "Location", description = "The run", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobStarted.class)))
    public Response reEncrypt(@QueryParam("limit") String limit) {
        Map<String, String> parameters = limit == null || limit.isBlank() ? Map.of()
                : Map.of(ReEncryptionJob.LIMIT,
                        String.valueOf(QueryParameters.integer("limit", limit, 0, 1, Integer.MAX_VALUE)));
        return JobResource.accepted(runner.start(reEncryption, JobTrigger.MANUAL, parameters));
    }
}
