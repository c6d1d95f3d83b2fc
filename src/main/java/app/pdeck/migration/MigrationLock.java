package app.pdeck.migration;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;

/**
 * The cluster-wide migration lock: one document in {@code schema_lock} with an owner and a lease
 * ({@code expiresAt}) that the holder renews while it runs. Lives in MongoDB, so migrations need nothing else up;
 * a holder that dies without releasing it loses it when the lease expires. Assumes node clocks agree to well within
 * the lease.
 */
final class MigrationLock {

    static final String COLLECTION = "schema_lock";
    static final String LOCK_ID = "migrations";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(MigrationLock.class.getName());

    private final MongoCollection<Document> locks;
    private final String node;
    private final Duration lease;
    private final ScheduledExecutorService renewer;
    private final Clock clock;

    MigrationLock(MongoDatabase database, String node, Duration lease, ScheduledExecutorService renewer, Clock clock) {
        this.locks = database.getCollection(COLLECTION);
        this.node = node;
        this.lease = lease;
        this.renewer = renewer;
        this.clock = clock;
    }

    /** Who holds the lock now, if anyone holds an unexpired lease. */
    Optional<Holder> holder() {
        Document doc = locks.find(Filters.eq("_id", LOCK_ID)).first();
        if (doc == null || doc.getDate("expiresAt") == null || !doc.getDate("expiresAt").toInstant().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new Holder(doc.getString("owner"), doc.getDate("expiresAt").toInstant()));
    }

    /** Takes the lock, waiting up to {@code wait} while another owner holds it. */
    Lease acquire(Duration wait) {
        Instant deadline = clock.instant().plus(wait);
        while (true) {
            Lease lease = tryAcquire();
            if (lease != null) {
                return lease;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new LockUnavailableException(holder().map(Holder::describe).orElse("another runner"), wait);
            }
            sleep(POLL);
        }
    }

    /** Takes the lock if it is free or its lease expired; {@code null} when another owner holds it. */
    Lease tryAcquire() {
        String owner = node + "/" + UUID.randomUUID();
        Instant now = clock.instant();
        Date expires = Date.from(now.plus(lease));
        Document taken = locks.findOneAndUpdate(
                Filters.and(Filters.eq("_id", LOCK_ID), Filters.lt("expiresAt", Date.from(now))),
                Updates.combine(Updates.set("owner", owner), Updates.set("expiresAt", expires),
                        Updates.set("acquiredAt", Date.from(now))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (taken == null) {
            try {
                locks.insertOne(new Document("_id", LOCK_ID).append("owner", owner).append("expiresAt", expires)
                        .append("acquiredAt", Date.from(now)));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    return null;
                }
                throw e;
            }
        }
        return new Lease(owner);
    }

    record Holder(String owner, Instant expiresAt) {
        String describe() {
            return owner + " (lease until " + expiresAt + ")";
        }
    }

    /** A held lock: renewed in the background until closed; {@link #ensureHeld()} fails once it was lost. */
    final class Lease implements AutoCloseable {

        private final String owner;
        private final ScheduledFuture<?> renewal;
        private volatile boolean lost;

        private Lease(String owner) {
            this.owner = owner;
            long every = Math.max(1, lease.toMillis() / 3);
            this.renewal = renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        String owner() {
            return owner;
        }

        void ensureHeld() {
            if (lost) {
                throw new IllegalStateException("the migration lock was lost (lease expired and taken over); stopped");
            }
        }

        private void renew() {
            try {
                long matched = locks.updateOne(Filters.and(Filters.eq("_id", LOCK_ID), Filters.eq("owner", owner)),
                        Updates.set("expiresAt", Date.from(clock.instant().plus(lease)))).getMatchedCount();
                if (matched == 0) {
                    lost = true;
                    LOG.warning(() -> "migration lock " + owner + " was lost before it was released");
                }
            } catch (RuntimeException e) {
                // A renewal that fails once is retried at the next tick; the lease outlasts two missed renewals.
                LOG.log(Level.WARNING, "renewing migration lock " + owner + " failed: " + e);
            }
        }

        @Override
        public void close() {
            renewal.cancel(false);
            locks.deleteOne(Filters.and(Filters.eq("_id", LOCK_ID), Filters.eq("owner", owner)));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the migration lock", e);
        }
    }
}
