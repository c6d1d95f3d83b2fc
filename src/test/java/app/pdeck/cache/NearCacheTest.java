package app.pdeck.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import org.junit.jupiter.api.Test;

/** Two "nodes" (engines with their own near caches) sharing one store, as two WildFly servers share Redis. */
class NearCacheTest {

    record Note(String id, String text) {
    }

    static class Notes {
        @CacheResult(cacheName = "notes")
        public List<Note> list(@CacheOwner String userId) {
            throw new UnsupportedOperationException("the test supplies the load");
        }

        @CacheResult(cacheName = "note")
        public Optional<Note> find(@CacheOwner String userId, @CacheKey String id) {
            throw new UnsupportedOperationException("the test supplies the load");
        }

        @CacheRemove(cacheName = "note")
        public void forget(@CacheOwner String userId, @CacheKey String id) {
        }
    }

    private final InMemoryCacheBackend redis = new InMemoryCacheBackend();
    private final CacheEngine nodeA = node();
    private final CacheEngine nodeB = node();
    private final CachedMethod list = method(CachedMethod.Kind.RESULT, "list");
    private final CachedMethod find = method(CachedMethod.Kind.RESULT, "find");
    private final CachedMethod forget = method(CachedMethod.Kind.REMOVE, "forget");
    private final AtomicReference<List<Note>> database = new AtomicReference<>(List.of(new Note("n1", "v1")));
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void aRepeatedReadIsAnsweredFromTheHeapWithoutReadingTheStoredValue() throws Exception {
        List<Note> first = read(nodeA, "u1");
        int callsAfterFirst = redis.calls.get();
        List<Note> second = read(nodeA, "u1");

        assertSame(first, second);
        assertEquals(1, redis.calls.get() - callsAfterFirst, "only the key versions is read from the store");
        CacheStatsView stats = nodeA.statistics().views().get("notes");
        assertEquals(1, stats.hits());
        assertEquals(1, stats.nearHits());
        assertEquals(1, loads.get());
    }

    @Test
    void aWriteOnOneNodeIsSeenByTheOtherNodeDespiteItsNearCopy() throws Exception {
        read(nodeA, "u1");
        read(nodeB, "u1");
        assertEquals(1, loads.get(), "node B read node A's stored value");

        database.set(List.of(new Note("n1", "v2")));
        nodeA.userDataChanged("u1");

        assertEquals("v2", read(nodeB, "u1").get(0).text());
        assertEquals("v2", read(nodeA, "u1").get(0).text());
    }

    @Test
    void flushingACacheOnOneNodeEmptiesTheNearCopiesOfTheOthers() throws Exception {
        read(nodeA, "u1");
        read(nodeB, "u1");
        database.set(List.of(new Note("n1", "changed behind the cache's back")));

        nodeA.flush("notes");

        assertEquals("changed behind the cache's back", read(nodeB, "u1").get(0).text());
    }

    @Test
    void removingAnEntryOnOneNodeRemovesItForEveryNode() throws Exception {
        AtomicReference<Note> row = new AtomicReference<>(new Note("n1", "v1"));
        assertEquals("v1", find(nodeB, "u1", "n1", row).orElseThrow().text());
        row.set(new Note("n1", "v2"));

        nodeA.remove(forget, null, new Object[] {"u1", "n1"}, () -> null);

        assertEquals("v2", find(nodeB, "u1", "n1", row).orElseThrow().text());
    }

    @Test
    void anEntryLivesNoLongerThanItsTtl() throws Exception {
        NearCache near = new NearCache(1_000_000, 60_000);
        near.put("notes", "short", List.of(), 2, 50);
        near.put("notes", "absent", null, 4, 60_000);

        assertEquals(null, near.get("notes", "absent"), "a cached 'nothing' is null, not ABSENT");
        assertSame(NearCache.ABSENT, near.get("notes", "never stored"));
        Thread.sleep(200);
        assertSame(NearCache.ABSENT, near.get("notes", "short"));
    }

    @Test
    void aDisabledNearCacheHoldsNothing() {
        NearCache near = new NearCache(0, 60_000);
        near.put("notes", "k", List.of(new Note("n", "t")), 10, 1000);
        assertSame(NearCache.ABSENT, near.get("notes", "k"));
    }

    private List<Note> read(CacheEngine node, String user) throws Exception {
        @SuppressWarnings("unchecked")
        List<Note> notes = (List<Note>) node.result(list, null, new Object[] {user}, () -> {
            loads.incrementAndGet();
            return database.get();
        });
        return notes;
    }

    @SuppressWarnings("unchecked")
    private Optional<Note> find(CacheEngine node, String user, String id, AtomicReference<Note> row) throws Exception {
        return (Optional<Note>) node.result(find, null, new Object[] {user, id}, () -> Optional.of(row.get()));
    }

    private CacheEngine node() {
        RedisBreaker breaker = new RedisBreaker(3, TimeUnit.SECONDS.toNanos(5), System::nanoTime, (f, t, r) -> { });
        CacheSettings settings = new CacheSettings(true, name -> 300, 15, 0.10);
        return new CacheEngine(redis, settings, breaker, CacheJson.newMapper(), Logger.getLogger("test"),
                new NearCache(10_000_000, 60_000));
    }

    private static CachedMethod method(CachedMethod.Kind kind, String name) {
        for (Method m : Notes.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return CachedMethod.of(kind, m, CacheJson.newMapper());
            }
        }
        throw new IllegalArgumentException(name);
    }
}
