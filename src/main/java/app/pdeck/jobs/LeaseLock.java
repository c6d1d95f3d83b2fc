package app.pdeck.jobs;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * A cluster-wide lock on MongoDB: one document per lock name holding the owner's run id, what it runs (for
 * operators) and an expiry. Acquiring is one atomic {@code findOneAndUpdate} with upsert that matches only an
 * expired lock; when the lock is held the upsert collides on {@code _id} and the caller gets nothing. The holder
 * renews the lease while it works; a crashed holder's lease runs out. It only says who runs now: which scheduled
 * occurrences already ran is the {@link OccurrenceLedger}'s business, because a lock that remembered the last
 * occurrence forgot it as soon as a manual run took the lock.
 *
 * <p>MongoDB rather than Redis, so the nightly backup still runs while Redis is down. Plain Java (no CDI), so
 * tests can race two independent clients on it.
 */
public final class LeaseLock {

    /** A held lock. */
    public record Lease(String name, String runId, String occurrence, Instant expiresAt) {
    }

    private final MongoCollection<Document> locks;
    private final Clock clock;

    public LeaseLock(MongoCollection<Document> locks, Clock clock) {
        this.locks = locks;
        this.clock = clock;
    }

    /**
     * Takes the lock {@code name} for the run {@code runId} unless it is held by a live lease; {@code occurrence}
     * is recorded to show what the holder runs.
     */
    public Optional<Lease> tryAcquire(String name, String runId, String owner, String occurrence, Duration lease) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lease);
        try {
            Document taken = locks.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", name), Filters.lt("expiresAt", Date.from(now))),
                    Updates.combine(
                            Updates.set("runId", runId),
                            Updates.set("owner", owner),
                            Updates.set("occurrence", occurrence),
                            Updates.set("acquiredAt", Date.from(now)),
                            Updates.set("expiresAt", Date.from(expiresAt))),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            if (taken != null && runId.equals(taken.getString("runId"))) {
                return Optional.of(new Lease(name, runId, occurrence, expiresAt));
            }
            return Optional.empty();
        } catch (MongoCommandException | MongoWriteException e) {
            if (isDuplicateKey(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Extends a held lease; {@code false} when the lease was lost (expired and taken by someone else). */
    public boolean renew(Lease lease, Duration extension) {
        Instant expiresAt = clock.instant().plus(extension);
        return locks.updateOne(
                Filters.and(Filters.eq("_id", lease.name()), Filters.eq("runId", lease.runId())),
                Updates.set("expiresAt", Date.from(expiresAt))).getMatchedCount() == 1;
    }

    /** Gives the lock up. */
    public void release(Lease lease) {
        locks.updateOne(
                Filters.and(Filters.eq("_id", lease.name()), Filters.eq("runId", lease.runId())),
                Updates.combine(Updates.set("expiresAt", Date.from(clock.instant())),
                        Updates.set("releasedAt", Date.from(clock.instant()))));
    }

    /** The run holding {@code name} now, if any. */
    public Optional<String> holder(String name) {
        Document lock = locks.find(Filters.and(Filters.eq("_id", name),
                Filters.gt("expiresAt", Date.from(clock.instant())))).first();
        return Optional.ofNullable(lock).map(l -> l.getString("runId"));
    }

    private static boolean isDuplicateKey(RuntimeException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        MongoCommandException command = (MongoCommandException) e;
        return ErrorCategory.fromErrorCode(command.getErrorCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
