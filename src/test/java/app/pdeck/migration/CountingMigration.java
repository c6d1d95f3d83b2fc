package app.pdeck.migration;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/** A test migration that marks its version in a collection and counts how often it ran. */
class CountingMigration implements Migration {

    final String version;
    final AtomicInteger ups = new AtomicInteger();
    final AtomicInteger downs = new AtomicInteger();
    private final long pauseMs;

    CountingMigration(String version) {
        this(version, 0);
    }

    CountingMigration(String version, long pauseMs) {
        this.version = version;
        this.pauseMs = pauseMs;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String description() {
        return "mark " + version;
    }

    @Override
    public void up(MongoDatabase database) {
        ups.incrementAndGet();
        pause();
        database.getCollection("marks").replaceOne(Filters.eq("_id", version), new Document("_id", version),
                new ReplaceOptions().upsert(true));
    }

    @Override
    public void down(MongoDatabase database) {
        downs.incrementAndGet();
        database.getCollection("marks").deleteOne(Filters.eq("_id", version));
    }

    private void pause() {
        if (pauseMs > 0) {
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
