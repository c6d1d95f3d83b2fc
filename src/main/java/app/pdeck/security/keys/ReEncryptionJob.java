package app.pdeck.security.keys;

import app.pdeck.audit.AuditOutcome;
import app.pdeck.audit.AuditTrail;
import app.pdeck.jobs.Job;
import app.pdeck.jobs.JobContext;
import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.security.EncryptedValue;
import app.pdeck.security.FieldEncryption;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.Config;

/**
 * Rewrites integration tokens sealed with an older key under the active key, in batches of
 * {@code pdeck.keys.re-encrypt.batch-size}, on its timer ({@code pdeck.jobs.re-encrypt.*}) or from
 * {@code POST /admin/keys/re-encrypt}.
 *
 * <p>Crash-safe and idempotent: each value is replaced by one conditional update that matches the exact old
 * ciphertext, so a value is always either the old or the new ciphertext (both decrypt while the old key is
 * configured), a value changed by its user meanwhile is left alone, and a run that stops anywhere is finished by
 * the next one, which only looks at values not yet under the active key. Runs under the job's cluster lock.
 */
@ApplicationScoped
public class ReEncryptionJob implements Job {

    /** Optional parameter: stop after this many values (an operator spreading the work over several runs). */
    public static final String LIMIT = "limit";

    @Inject
    Logger log;

    @Inject
    MongoConnection mongo;

    @Inject
    FieldEncryption encryption;

    @Inject
    AuditTrail audit;

    @Inject
    Config config;

    @Override
    public String name() {
        return "re-encrypt";
    }

    @Override
    public void run(JobContext context) {
        String active = encryption.activeKeyId();
        int batchSize = config.getValue("pdeck.keys.re-encrypt.batch-size", Integer.class);
        long limit = context.parameter(LIMIT) == null ? Long.MAX_VALUE : Long.parseLong(context.parameter(LIMIT));
        MongoCollection<Document> integrations = mongo.database().getCollection(EncryptedStores.INTEGRATIONS);
        Bson stale = Filters.and(Filters.exists(EncryptedStores.KEY_FIELD),
                Filters.ne(EncryptedStores.KEY_FIELD, active));
        long rewritten = 0;
        long skipped = 0;
        long unreadable = 0;
        String after = "";
        while (rewritten < limit) {
            context.checkpoint();
            List<Document> batch = integrations.find(Filters.and(stale, Filters.gt("_id", after)))
                    .sort(Sorts.ascending("_id")).limit((int) Math.min(batchSize, limit - rewritten))
                    .into(new ArrayList<>());
            if (batch.isEmpty()) {
                break;
            }
            for (Document document : batch) {
                String id = document.getString("_id");
                after = id;
                Document sealed = document.get("accessToken", Document.class);
                EncryptedValue old = new EncryptedValue(sealed.getString("keyId"), sealed.getString("ciphertext"));
                String plain;
                try {
                    plain = encryption.decrypt(old, id);
                } catch (IllegalStateException e) {
                    // Key not configured or value damaged: leave it for an operator; /admin/keys shows it.
                    unreadable++;
                    continue;
                }
                EncryptedValue fresh = encryption.encrypt(plain, id);
                long changed = integrations.updateOne(Filters.and(Filters.eq("_id", id),
                                Filters.eq("accessToken.keyId", old.getKeyId()),
                                Filters.eq("accessToken.ciphertext", old.getCiphertext())),
                        Updates.set("accessToken", new Document("keyId", fresh.getKeyId())
                                .append("ciphertext", fresh.getCiphertext()))).getModifiedCount();
                if (changed == 1) {
                    rewritten++;
                } else {
                    skipped++;
                }
            }
        }
        context.count("rewritten", rewritten);
        context.count("changedMeanwhile", skipped);
        context.count("unreadable", unreadable);
        context.result("activeKey", active);
        log.info("Re-encryption to key " + active + ": " + rewritten + " values rewritten, " + skipped
                + " changed meanwhile, " + unreadable + " unreadable");
        if (rewritten > 0 || unreadable > 0) {
            audit.record("keys.re-encrypt", unreadable == 0 ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, active,
                    Map.of("rewritten", rewritten, "unreadable", unreadable, "run", context.runId()));
        }
    }
}
