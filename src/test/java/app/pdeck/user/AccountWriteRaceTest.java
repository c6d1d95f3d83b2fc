package app.pdeck.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.pdeck.audit.AuditOutcome;
import app.pdeck.audit.AuditTrail;
import app.pdeck.cache.DataChanged;
import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.problem.ApiException;
import app.pdeck.security.RevokedTokens;
import app.pdeck.testsupport.InProcessMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Account writes that race: another write commits between the moment a change read the account and the moment it
 * is written (forced here, in one thread, by running the other write just before the read returns). The later
 * write must neither undo the earlier one nor bring a deleted account back.
 */
class AccountWriteRaceTest {

    @RegisterExtension
    static final InProcessMongo MONGO = new InProcessMongo();
    private static final MongoClient CLIENT = MONGO.newClient();

    private final MongoDatabase db = CLIENT.getDatabase("race_" + UUID.randomUUID().toString().substring(0, 8));
    private final MongoCollection<Document> users = db.getCollection("users");
    private final InterleavingStore store = new InterleavingStore();
    private final UserService service = new UserService();
    private String id;

    @BeforeEach
    void anAdministrator() {
        MongoConnection connection = new MongoConnection() {
            @Override
            public MongoDatabase database() {
                return db;
            }
        };
        store.mongo = connection;
        service.store = store;
        service.mongo = connection;
        service.log = Logger.getLogger(AccountWriteRaceTest.class.getName());
        service.revokedTokens = new RevokedTokens() {
            @Override
            public void revokeIssuedBefore(String userId, Instant changedAt) {
            }
        };
        service.audit = new AuditTrail() {
            @Override
            public void record(String action, AuditOutcome outcome, String target, Map<String, ?> details) {
            }
        };
        service.dataChanged = new NoEvents();
        id = UUID.randomUUID().toString();
        users.insertOne(new Document("_id", id).append("email", id + "@example.com").append("passwordHash", "hash-1")
                .append("name", "Ada").append("preferences", new Document("theme", "LIGHT").append("notifications", true))
                .append("role", "ADMIN").append("createdAt", new Date()));
    }

    @Test
    void aProfileChangeThatReadTheAccountBeforeADemotionKeepsTheDemotion() {
        store.beforeNextReadReturns(() -> service.changeRole(id, Role.USER, null));

        service.update(id, new ProfileUpdate("Grace", null, null, null), null);

        Document stored = users.find(Filters.eq("_id", id)).first();
        assertEquals("USER", stored.getString("role"));
        assertEquals("Grace", stored.getString("name"));
    }

    @Test
    void aDemotionThatReadTheAccountBeforeAProfileChangeKeepsTheProfileChange() {
        store.beforeNextReadReturns(() -> service.update(id, new ProfileUpdate("Grace", null, null, null), null));

        service.changeRole(id, Role.USER, null);

        Document stored = users.find(Filters.eq("_id", id)).first();
        assertEquals("USER", stored.getString("role"));
        assertEquals("Grace", stored.getString("name"));
    }

    @Test
    void aProfileChangeThatReadTheAccountBeforeAPasswordChangeKeepsTheNewPassword() {
        store.beforeNextReadReturns(() -> users.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("passwordHash", "hash-2"), Updates.inc("version", 1L))));

        service.update(id, new ProfileUpdate("Grace", null, null, null), null);

        assertEquals("hash-2", users.find(Filters.eq("_id", id)).first().getString("passwordHash"));
    }

    @Test
    void aProfileChangeThatReadTheAccountBeforeItWasDeletedNeverBringsItBack() {
        store.beforeNextReadReturns(() -> users.deleteOne(Filters.eq("_id", id)));

        ApiException refused = assertThrows(ApiException.class,
                () -> service.update(id, new ProfileUpdate("Grace", null, null, null), null));

        assertEquals(404, refused.toProblem().status());
        assertEquals(0, users.countDocuments(Filters.eq("_id", id)));
    }

    @Test
    void aRoleChangeThatReadTheAccountBeforeItsDeletionStartedNeverUnmarksIt() {
        store.beforeNextReadReturns(() -> users.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("deletedAt", new Date()), Updates.inc("version", 1L))));

        assertThrows(ApiException.class, () -> service.changeRole(id, Role.USER, null));

        Document stored = users.find(Filters.eq("_id", id)).first();
        assertEquals("ADMIN", stored.getString("role"));
        assertEquals(true, stored.get("deletedAt") != null);
    }

    @Test
    void aChangeBasedOnTheVersionTheClientSawIsRefusedOnceAnotherWriteCameInBetween() {
        store.beforeNextReadReturns(() -> service.changeRole(id, Role.USER, null));

        ApiException refused = assertThrows(ApiException.class,
                () -> service.update(id, new ProfileUpdate("Grace", null, null, null), 0L));

        assertEquals(412, refused.toProblem().status());
        Document stored = users.find(Filters.eq("_id", id)).first();
        assertEquals("Ada", stored.getString("name"));
        assertEquals(1L, stored.getLong("version"));
    }

    /** The real store, with a hook that lets another write commit just before a read returns what it read. */
    static final class InterleavingStore extends UserStore {
        private Runnable beforeReadReturns;

        void beforeNextReadReturns(Runnable otherWrite) {
            beforeReadReturns = otherWrite;
        }

        @Override
        Optional<User> find(String id) {
            Optional<User> read = super.find(id);
            Runnable otherWrite = beforeReadReturns;
            beforeReadReturns = null;
            if (otherWrite != null) {
                otherWrite.run();
            }
            return read;
        }
    }

    private static final class NoEvents implements Event<DataChanged> {
        @Override
        public void fire(DataChanged event) {
        }

        @Override
        public <U extends DataChanged> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends DataChanged> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<DataChanged> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends DataChanged> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends DataChanged> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
