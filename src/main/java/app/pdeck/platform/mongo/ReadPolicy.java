package app.pdeck.platform.mongo;

import com.mongodb.ReadPreference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;

/**
 * Which MongoDB members a kind of read may use, from configuration ({@code pdeck.mongo.read.<use>}): a user's own
 * data is read from the primary (so a client always reads its own writes, on any node of ours), while analytics,
 * dashboard and backup reads may go to a secondary no staler than {@code pdeck.mongo.read.max-staleness-seconds}.
 * On a standalone server or through {@code mongos} the driver passes the preference on or ignores it, so the same
 * configuration works on every topology. Where each applies: {@link Use}.
 */
@ApplicationScoped
public class ReadPolicy {

    /**
     * The kinds of reads with their own setting: {@code USER_DATA} is the client's default (every read no other use
     * names, JNoSQL's included), {@code ANALYTICS} the statistics pipelines ({@code app.pdeck.stats}),
     * {@code DASHBOARD} the collection sizes and the metrics history ({@code app.pdeck.monitoring}), {@code BACKUP}
     * the backup's reads. {@code USER_DATA} is read when a client is built (start-up, credential rotation); the
     * others at each use.
     */
    public enum Use {
        USER_DATA("user-data"), ANALYTICS("analytics"), DASHBOARD("dashboard"), BACKUP("backup");

        private final String key;

        Use(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** MongoDB's lower bound for maxStalenessSeconds. */
    static final long MIN_MAX_STALENESS_SECONDS = 90;

    @Inject
    Config config;

    /**
     * Checks every setting, so a wrong one stops the deployment (the MongoDB client is created at start-up) instead of
     * failing the first read of its kind, possibly hours later.
     */
    void checkAll() {
        for (Use use : Use.values()) {
            forUse(use);
        }
    }

    /** Read at use time, so an operator's change applies to the next read. */
    public ReadPreference forUse(Use use) {
        String mode = config.getValue("pdeck.mongo.read." + use.key(), String.class);
        long maxStaleness = config.getValue("pdeck.mongo.read.max-staleness-seconds", Long.class);
        return preference(use, mode, maxStaleness);
    }

    static ReadPreference preference(Use use, String mode, long maxStalenessSeconds) {
        String normalized = mode.trim();
        if (use == Use.USER_DATA && !normalized.equalsIgnoreCase("primary")
                && !normalized.equalsIgnoreCase("primaryPreferred")) {
            throw new IllegalArgumentException("pdeck.mongo.read.user-data must be primary or primaryPreferred: a user "
                    + "must read their own writes, and a secondary may not have them yet");
        }
        if (normalized.equalsIgnoreCase("primary")) {
            return ReadPreference.primary();
        }
        if (maxStalenessSeconds != 0 && maxStalenessSeconds < MIN_MAX_STALENESS_SECONDS) {
            throw new IllegalArgumentException("pdeck.mongo.read.max-staleness-seconds must be 0 (no limit) or at least "
                    + MIN_MAX_STALENESS_SECONDS + " (MongoDB's minimum)");
        }
        try {
            return maxStalenessSeconds == 0
                    ? ReadPreference.valueOf(normalized)
                    : ReadPreference.valueOf(normalized, List.of(), maxStalenessSeconds, TimeUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pdeck.mongo.read." + use.key() + ": unknown read preference '"
                    + normalized.toLowerCase(Locale.ROOT) + "' (primary, primaryPreferred, secondary, "
                    + "secondaryPreferred, nearest)", e);
        }
    }
}
