package app.pdeck.security.keys;

import app.pdeck.jobs.JobResource;
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
    public Response reEncrypt(@QueryParam("limit") String limit) {
        Map<String, String> parameters = limit == null || limit.isBlank() ? Map.of()
                : Map.of(ReEncryptionJob.LIMIT,
                        String.valueOf(QueryParameters.integer("limit", limit, 0, 1, Integer.MAX_VALUE)));
        return JobResource.accepted(runner.start(reEncryption, JobTrigger.MANUAL, parameters));
    }
}
