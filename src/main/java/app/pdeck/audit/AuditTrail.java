package app.pdeck.audit;

import app.pdeck.platform.mongo.DocumentIds;
import app.pdeck.platform.NodeName;
import app.pdeck.platform.PageRequest;
import app.pdeck.platform.PageView;
import app.pdeck.platform.http.RequestOrigin;
import app.pdeck.platform.mongo.MongoConnection;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The one way to write the audit trail: {@code audit_log} in MongoDB, insert-only (this class has no update or
 * delete path and the API only reads), with a TTL index that drops entries after {@code pdeck.audit.retention-days}.
 * The actor is the signed-in caller of the current request unless given; the address comes from
 * {@link RequestOrigin}. Detail values whose name suggests a secret are replaced by {@code [redacted]}.
 * Writing never fails the audited action: a failed write is logged (without details) and the action goes on.
 */
@ApplicationScoped
public class AuditTrail {

    public static final String COLLECTION = "audit_log";
    public static final String SYSTEM_ACTOR = "system";
    static final String REDACTED = "[redacted]";
    private static final List<String> SECRET_NAMES = List.of("password", "secret", "token", "ciphertext", "private",
            "passphrase", "credential-value");

    @Inject
    Logger log;

    @Inject
    MongoConnection mongo;

    @Inject
    Instance<JsonWebToken> caller;

    @Inject
    @ConfigProperty(name = "pdeck.audit.retention-days")
    long retentionDays;

    void createIndexes(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            MongoCollection<Document> audit = collection();
            ensureTtl(audit);
            audit.createIndex(Indexes.compoundIndex(Indexes.ascending("actor"), Indexes.descending("at")));
            audit.createIndex(Indexes.compoundIndex(Indexes.ascending("action"), Indexes.descending("at")));
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "audit_log indexes could not be created now; the next start tries again", e);
        }
    }

    /** Records an action of the current caller (or {@code system} when there is no signed-in caller). */
    public void record(String action, AuditOutcome outcome, String target, Map<String, ?> details) {
        String[] actor = currentActor();
        write(actor[0], actor[1], action, outcome, target, details);
    }

    /** Records an action of an actor named explicitly, e.g. the account a sign-in attempt was for. */
    public void recordAs(String actor, String actorEmail, String action, AuditOutcome outcome, String target,
                         Map<String, ?> details) {
        write(actor, actorEmail, action, outcome, target, details);
    }

    /** Newest first. {@code actor} matches the actor id or email; {@code from} inclusive, {@code to} exclusive. */
    public PageView<AuditEntry> search(String actor, String action, Instant from, Instant to, PageRequest page) {
        List<Bson> filters = new ArrayList<>();
        if (actor != null && !actor.isBlank()) {
            filters.add(Filters.or(Filters.eq("actor", actor.strip()),
                    Filters.eq("actorEmail", actor.strip().toLowerCase(Locale.ROOT))));
        }
        if (action != null && !action.isBlank()) {
            filters.add(Filters.eq("action", action.strip()));
        }
        if (from != null) {
            filters.add(Filters.gte("at", Date.from(from)));
        }
        if (to != null) {
            filters.add(Filters.lt("at", Date.from(to)));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        MongoCollection<Document> audit = collection();
        List<AuditEntry> items = audit.find(filter)
                .sort(Sorts.descending("at", "_id"))
                .skip(page.offset())
                .limit(page.size())
                .map(AuditTrail::toEntry)
                .into(new ArrayList<>());
        return new PageView<>(items, page.page(), page.size(), audit.countDocuments(filter));
    }

    private void write(String actor, String actorEmail, String action, AuditOutcome outcome, String target,
                       Map<String, ?> details) {
        Document entry = new Document("_id", DocumentIds.next())
                .append("at", Date.from(Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                .append("actor", actor == null ? SYSTEM_ACTOR : actor)
                .append("actorEmail", actorEmail == null ? null : actorEmail.toLowerCase(Locale.ROOT))
                .append("action", action)
                .append("target", target)
                .append("outcome", outcome.name())
                .append("address", RequestOrigin.clientAddress().orElse(null))
                .append("node", NodeName.current())
                .append("details", new Document(sanitize(details)));
        try {
            collection().insertOne(entry);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "audit entry " + action + " (" + outcome + ") by " + entry.getString("actor")
                    + " could not be written: " + e.getMessage());
        }
    }

    static Map<String, Object> sanitize(Map<String, ?> details) {
        Map<String, Object> clean = new LinkedHashMap<>();
        if (details == null) {
            return clean;
        }
        details.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean secret = SECRET_NAMES.stream().anyMatch(lower::contains);
            clean.put(name, secret ? REDACTED : value == null ? null : String.valueOf(value));
        });
        return clean;
    }

    private String[] currentActor() {
        try {
            if (caller.isResolvable()) {
                JsonWebToken token = caller.get();
                if (token != null && token.getSubject() != null) {
                    return new String[] {token.getSubject(), token.getClaim("upn")};
                }
            }
        } catch (ContextNotActiveException | IllegalStateException noRequest) {
            // Scheduled work: no caller.
        }
        return new String[] {SYSTEM_ACTOR, null};
    }

    private void ensureTtl(MongoCollection<Document> audit) {
        IndexOptions ttl = new IndexOptions().name("at_ttl").expireAfter(retentionDays * 86_400, TimeUnit.SECONDS);
        try {
            audit.createIndex(Indexes.ascending("at"), ttl);
        } catch (MongoCommandException e) {
            // The retention changed: move the existing index to the new expiry instead of failing.
            mongo.database().runCommand(new Document("collMod", COLLECTION).append("index",
                    new Document("name", "at_ttl").append("expireAfterSeconds", retentionDays * 86_400)));
        }
    }

    private static AuditEntry toEntry(Document d) {
        Map<String, String> details = new LinkedHashMap<>();
        Document stored = d.get("details", Document.class);
        if (stored != null) {
            stored.forEach((k, v) -> details.put(k, v == null ? null : String.valueOf(v)));
        }
        Date at = d.getDate("at");
        return new AuditEntry(d.getString("_id"), at == null ? null : at.toInstant(), d.getString("actor"),
                d.getString("actorEmail"), d.getString("action"), d.getString("target"),
                AuditOutcome.valueOf(d.getString("outcome")), d.getString("address"), d.getString("node"), details);
    }

    private MongoCollection<Document> collection() {
        return mongo.database().getCollection(COLLECTION);
    }
}
