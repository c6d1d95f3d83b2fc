package app.pdeck.cache.probe;

import app.pdeck.cache.CacheOwner;
import app.pdeck.cache.DataChanged;
import app.pdeck.platform.mongo.MongoConnection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheResult;
import org.bson.Document;

/**
 * Test-only service deployed by the cache ITs: annotated exactly as the domain services will be, over a real
 * MongoDB collection, counting its database loads so tests can tell hits from misses.
 */
@ApplicationScoped
public class CacheProbeService {

    @Inject
    MongoConnection mongo;

    @Inject
    Event<DataChanged> changes;

    private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();

    @CacheResult(cacheName = "probe-lists")
    public List<ProbeItem> list(@CacheOwner String owner, long delayMs) {
        loads.computeIfAbsent(owner, k -> new AtomicInteger()).incrementAndGet();
        sleep(delayMs);
        List<ProbeItem> items = new ArrayList<>();
        for (Document d : items().find(Filters.eq("owner", owner)).sort(Sorts.ascending("createdAt"))) {
            items.add(toItem(d));
        }
        return items;
    }

    @CacheResult(cacheName = "probe-items")
    public Optional<ProbeItem> item(@CacheOwner String owner, @CacheKey String id) {
        loads.computeIfAbsent(owner, k -> new AtomicInteger()).incrementAndGet();
        return Optional.ofNullable(items().find(Filters.and(Filters.eq("_id", id), Filters.eq("owner", owner)))
                .first()).map(CacheProbeService::toItem);
    }

    public ProbeItem add(String owner, String title) {
        ProbeItem item = new ProbeItem(UUID.randomUUID().toString(), owner, title, Instant.now());
        items().insertOne(new Document("_id", item.id()).append("owner", owner).append("title", title)
                .append("createdAt", Date.from(item.createdAt())));
        changes.fire(DataChanged.forUser(owner));
        return item;
    }

    public void rename(String owner, String id, ProbeItem renamed) {
        items().updateOne(Filters.eq("_id", id), Updates.set("title", renamed.title()));
        changes.fire(DataChanged.forUser(owner));
    }

    public int loads(String owner) {
        AtomicInteger count = loads.get(owner);
        return count == null ? 0 : count.get();
    }

    private MongoCollection<Document> items() {
        return mongo.database().getCollection("cache_probe");
    }

    private static ProbeItem toItem(Document d) {
        return new ProbeItem(d.getString("_id"), d.getString("owner"), d.getString("title"),
                d.getDate("createdAt").toInstant());
    }

    private static void sleep(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
