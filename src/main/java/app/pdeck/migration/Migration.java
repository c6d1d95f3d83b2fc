package app.pdeck.migration;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoDatabase;

/**
 * One versioned change of the data in MongoDB, discovered as a CDI bean and applied in version order.
 *
 * <p>Most servers this service meets (the embedded one included) have no transactions, so {@link #up} and
 * {@link #down} must be re-runnable: a run that stopped half-way is simply run again.
 */
public interface Migration {

    /** Digits, zero-padded so they sort as text too, e.g. {@code "001"}; unique across migrations. */
    String version();

    /** One line saying what the migration changes. */
    String description();

    void up(MongoDatabase database);

    void down(MongoDatabase database);

    /**
     * Opt into running inside a multi-document transaction where the server supports one (replica set or mongos).
     * Such a migration overrides the session variants below and passes the session to every operation; the driver
     * does not bind a session implicitly. Elsewhere the runner calls {@link #up(MongoDatabase)} without one.
     */
    default boolean transactional() {
        return false;
    }

    /**
     * Whether running it changes documents (so a backup is taken before a run that includes it). Every migration
     * counts as changing data unless it says otherwise; say so when writing it, since overriding this later changes
     * its checksum.
     */
    default boolean changesData() {
        return true;
    }

    default void up(MongoDatabase database, ClientSession session) {
        up(database);
    }

    default void down(MongoDatabase database, ClientSession session) {
        down(database);
    }
}
