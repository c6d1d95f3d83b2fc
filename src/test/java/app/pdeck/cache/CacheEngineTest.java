package app.pdeck.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CacheEngineTest {

    record Task(String id, String title, Instant dueAt) {
    }

    static class Tasks {
        @CacheResult(cacheName = "task-lists")
        public List<Task> list(@CacheOwner String userId) {
            throw new UnsupportedOperationException("the test supplies the load");
        }

        @CacheResult(cacheName = "task-pages")
        public Rendered<List<Task>> page(@CacheOwner String userId) {
            throw new UnsupportedOperationException("the test supplies the load");
        }

        @CacheResult(cacheName = "tasks")
        public Optional<Task> find(@CacheOwner String userId, @CacheKey String id) {
            throw new UnsupportedOperationException();
        }
    }

    private final InMemoryCacheBackend store = new InMemoryCacheBackend();
    private final AtomicLong clock = new AtomicLong();
    private final CacheEngine engine = engine(true);
    private final CachedMethod list = method(CachedMethod.Kind.RESULT, "list");
    private final CachedMethod find = method(CachedMethod.Kind.RESULT, "find");
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    /** The "database" the loads read. */
    private final AtomicReference<List<Task>> database = new AtomicReference<>(List.of(task("t1", "old")));
    private final AtomicInteger loads = new AtomicInteger();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void theSecondReadIsAHitAndRecordsRoundTripThroughJson() throws Exception {
        assertEquals(database.get(), readList("u1"));
        assertEquals(database.get(), readList("u1"));
        assertEquals(1, loads.get());
        CacheStatsView stats = engine.statistics().views().get("task-lists");
        assertEquals(1, stats.hits());
        assertEquals(1, stats.misses());
        assertEquals(1, stats.puts());
    }

    @Test
    void aReaderThatLoadedBeforeAWriteNeverStoresWhereLaterReadersLook() throws Exception {
        CountDownLatch readerLoaded = new CountDownLatch(1);
        CountDownLatch writerDone = new CountDownLatch(1);
        // 1. The reader misses and loads the old list, then stalls before storing it.
        Future<List<Task>> reader = pool.submit(() -> cast(engine.result(list, null, new Object[] {"u1"}, () -> {
            List<Task> snapshot = database.get();
            loads.incrementAndGet();
            readerLoaded.countDown();
            writerDone.await();
            return snapshot;
        })));
        assertTrue(readerLoaded.await(5, TimeUnit.SECONDS));
        // 2. The writer changes the database and invalidates, while the reader holds the old list.
        database.set(List.of(task("t1", "new")));
        engine.userDataChanged("u1");
        // 3. The reader now stores its old list (that one call may return it: it overlapped the write).
        writerDone.countDown();
        assertEquals("old", reader.get(5, TimeUnit.SECONDS).get(0).title());
        assertEquals(1, engine.statistics().views().get("task-lists").puts(), "the old list was stored");
        // 4. Every later read sees the write.
        assertEquals("new", readList("u1").get(0).title());
        assertEquals("new", readList("u1").get(0).title());
        assertEquals(2, loads.get());
    }

    @Test
    void aWriteOfOneUserKeepsTheOtherUsersEntries() throws Exception {
        readList("u1");
        readList("u2");
        engine.userDataChanged("u1");
        readList("u1");
        readList("u2");
        assertEquals(3, loads.get());
    }

    @Test
    void aChangeForEveryoneMakesEveryEntryMiss() throws Exception {
        readList("u1");
        readList("u2");
        engine.allUserDataChanged();
        readList("u1");
        readList("u2");
        assertEquals(4, loads.get());
    }

    @Test
    void concurrentMissesForOneKeyLoadOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Future<Object>> readers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            readers.add(pool.submit(() -> engine.result(list, null, new Object[] {"u1"}, () -> {
                loads.incrementAndGet();
                release.await();
                return database.get();
            })));
        }
        Thread.sleep(200);
        release.countDown();
        for (Future<Object> reader : readers) {
            assertEquals(database.get(), reader.get(5, TimeUnit.SECONDS));
        }
        assertEquals(1, loads.get());
    }

    @Test
    void emptyResultsAreKeptBrieflyAndOthersForTheJitteredTtl() throws Exception {
        database.set(List.of());
        readList("empty-user");
        database.set(List.of(task("t1", "x")));
        readList("full-user");
        long emptyTtl = ttlOf("empty-user");
        long fullTtl = ttlOf("full-user");
        assertEquals(15_000, emptyTtl);
        assertTrue(fullTtl >= 270_000 && fullTtl <= 330_000, "ttl " + fullTtl);
    }

    @Test
    void optionalResultsAreCachedIncludingAbsence() throws Exception {
        AtomicInteger finds = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            Object found = engine.result(find, null, new Object[] {"u1", "t1"}, () -> {
                finds.incrementAndGet();
                return Optional.of(task("t1", "x"));
            });
            assertEquals(Optional.of(task("t1", "x")), found);
            Object missing = engine.result(find, null, new Object[] {"u1", "nope"}, () -> {
                finds.incrementAndGet();
                return Optional.empty();
            });
            assertEquals(Optional.empty(), missing);
        }
        assertEquals(2, finds.get());
    }

    @Test
    void whileRedisIsDownCallsAreServedFromTheDatabaseAndRedisIsLeftAloneAfterThreeFailures() throws Exception {
        store.down = true;
        for (int i = 0; i < 10; i++) {
            assertEquals(database.get(), readList("u1"));
        }
        assertEquals(10, loads.get());
        assertEquals(3, store.calls.get(), "only the failures that opened the breaker reached Redis");
        assertEquals(RedisBreaker.State.OPEN, engine.redisCalls().state());
        assertEquals(10, engine.statistics().views().get("task-lists").bypassed());
    }

    @Test
    void aWriteDuringAnOutageIsSeenAfterRecoveryBecauseTheEpochIsBumpedFirst() throws Exception {
        readList("u1");
        store.down = true;
        database.set(List.of(task("t1", "written during the outage")));
        engine.userDataChanged("u1");
        assertEquals(RedisBreaker.State.OPEN, engine.redisCalls().state(), "a lost invalidation opens the breaker");
        store.down = false;
        assertEquals("written during the outage", readList("u1").get(0).title(), "open: served from the database");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(5));
        assertEquals("written during the outage", readList("u1").get(0).title());
        assertEquals(RedisBreaker.State.CLOSED, engine.redisCalls().state());
        assertEquals(1, store.epoch.get(), "the recovery bumped the epoch");
    }

    @Test
    void aRenderedAnswerIsServedFromRedisAsTheBytesItWasStoredAs() throws Exception {
        CachedMethod page = method(CachedMethod.Kind.RESULT, "page");
        Rendered<?> loaded = (Rendered<?>) engine.result(page, null, new Object[] {"u1"}, () -> {
            loads.incrementAndGet();
            return Rendered.of(database.get());
        });
        // Another node, without a near cache: its hit comes from the store.
        Rendered<?> hit = (Rendered<?>) engine(true).result(page, null, new Object[] {"u1"}, () -> {
            throw new AssertionError("should be a hit");
        });
        assertEquals(1, loads.get());
        org.junit.jupiter.api.Assertions.assertArrayEquals(loaded.json().toArray(), hit.json().toArray());
        assertEquals(database.get(), hit.value());
        engine.userDataChanged("u1");
        engine(true).result(page, null, new Object[] {"u1"}, () -> {
            loads.incrementAndGet();
            return Rendered.of(database.get());
        });
        assertEquals(2, loads.get(), "a write outdates the rendered answer like any other");
    }

    @Test
    void withTheCacheDisabledEveryCallLoads() throws Exception {
        CacheEngine disabled = engine(false);
        for (int i = 0; i < 3; i++) {
            disabled.result(list, null, new Object[] {"u1"}, () -> {
                loads.incrementAndGet();
                return database.get();
            });
        }
        assertEquals(3, loads.get());
        assertTrue(store.entries.isEmpty());
    }

    @Test
    void aLookupUsesTheVersionsTheRequestGateReadInsteadOfReadingThemAgain() throws Exception {
        readList("u1");
        engine.useForThisRequest("u1", store.epoch.get(), store.generation("u1").get());
        int calls = store.calls.get();

        assertEquals(database.get(), readList("u1"));

        assertEquals(calls + 1, store.calls.get(), "the entry is read; its versions are not read again");
        assertEquals(1, loads.get());
        assertEquals("g0e0", engine.versionTag("u1"));
    }

    @Test
    void theGatesVersionsServeOnlyTheirOwnUser() throws Exception {
        engine.useForThisRequest("u1", 0, 0);
        store.bumpGeneration("u2");
        database.set(List.of(task("t2", "of u2")));

        assertEquals(List.of(task("t2", "of u2")), readList("u2"));
        assertEquals(null, engine.versionTag("u2"));
    }

    @Test
    void aWriteInTheSameRequestDropsTheVersionsReadBeforeIt() throws Exception {
        readList("u1");
        engine.useForThisRequest("u1", store.epoch.get(), store.generation("u1").get());
        database.set(List.of(task("t1", "new")));

        engine.userDataChanged("u1");

        assertEquals(List.of(task("t1", "new")), readList("u1"), "read after this request's own write");
        assertEquals(null, engine.versionTag("u1"));
    }

    @Test
    void versionsOfAnEndedRequestAreNotUsed() throws Exception {
        engine.useForThisRequest("u1", 0, 0);
        engine.forgetRequestVersions();
        assertEquals(null, engine.versionTag("u1"));
    }

    @Test
    void aHitOutsideTheNearCacheUsesTheEntryTheGateReadAndSendsNoGetOfItsOwn() throws Exception {
        assertEquals(null, engine.prefetchFor("u1", "/tasks?size=200"), "nothing looked up on this route yet");
        readList("u1");
        engine.forgetRequestVersions();

        // The next request of the route: the gate reads the remembered entry with the versions (as its script does).
        CacheEngine.Hint hint = engine.prefetchFor("u1", "/tasks?size=200");
        assertEquals(new KeyVersions(0, 0), hint.versions());
        engine.useForThisRequest("u1", 0, 0);
        engine.usePrefetched(hint, store.get(hint.cacheName(), hint.key()));
        int calls = store.calls.get();

        assertEquals(database.get(), readList("u1"));

        assertEquals(calls, store.calls.get(), "no Redis call of its own: neither versions nor entry");
        assertEquals(1, loads.get());
        assertEquals(1, statsOf("task-lists").entriesFromGate());
    }

    @Test
    void anEntryTheGateReadUnderOtherVersionsIsNotUsed() throws Exception {
        CacheEngine.Hint hint = hintAfterOneRead("u1", "/tasks");
        byte[] old = store.get(hint.cacheName(), hint.key());
        database.set(List.of(task("t1", "new")));
        store.bumpGeneration("u1");

        engine.useForThisRequest("u1", 0, 1);
        engine.usePrefetched(hint, old);

        assertEquals(List.of(task("t1", "new")), readList("u1"), "the write is seen: the old entry's key differs");
        assertEquals(2, loads.get());
        assertEquals(0, statsOf("task-lists").entriesFromGate());
    }

    @Test
    void anEntryTheGateFoundAbsentIsAMissWithoutAGet() throws Exception {
        CacheEngine.Hint hint = hintAfterOneRead("u1", "/tasks");
        store.entries.clear();
        engine.useForThisRequest("u1", 0, 0);
        engine.usePrefetched(hint, null);
        int calls = store.calls.get();

        readList("u1");

        assertEquals(2, loads.get());
        assertEquals(calls + 1, store.calls.get(), "only the put of the value loaded again");
    }

    @Test
    void aRouteAnsweredFromTheNearCacheHasNothingForTheGateToRead() throws Exception {
        CacheEngine withNear = new CacheEngine(store, new CacheSettings(true, name -> 300, 15, 0.10),
                new RedisBreaker(3, TimeUnit.SECONDS.toNanos(5), clock::get, (f, t, r) -> { }), CacheJson.newMapper(),
                Logger.getLogger("test"), new NearCache(1 << 20, 60_000));
        for (int request = 0; request < 3; request++) {
            withNear.prefetchFor("u1", "/tasks");
            withNear.result(list, null, new Object[] {"u1"}, database::get);
            withNear.forgetRequestVersions();
        }
        assertEquals(null, withNear.prefetchFor("u1", "/tasks"), "the near cache holds it: the versions are enough");
    }

    /** One request of {@code route} that reads the list, then what the gate is told to read for the next one. */
    private CacheEngine.Hint hintAfterOneRead(String user, String route) throws Exception {
        engine.prefetchFor(user, route);
        readList(user);
        engine.forgetRequestVersions();
        return engine.prefetchFor(user, route);
    }

    private CacheStatsView statsOf(String cacheName) {
        return engine.statistics().views().get(cacheName);
    }

    private List<Task> readList(String user) throws Exception {
        return cast(engine.result(list, null, new Object[] {user}, () -> {
            loads.incrementAndGet();
            return database.get();
        }));
    }

    private long ttlOf(String user) {
        return store.ttls.entrySet().stream().filter(e -> e.getKey().contains(":u" + user + ":"))
                .findFirst().orElseThrow().getValue();
    }

    private CacheEngine engine(boolean enabled) {
        RedisBreaker breaker = new RedisBreaker(3, TimeUnit.SECONDS.toNanos(5), clock::get, (f, t, r) -> { });
        CacheSettings settings = new CacheSettings(enabled, name -> 300, 15, 0.10);
        return new CacheEngine(store, settings, breaker, CacheJson.newMapper(), Logger.getLogger("test"));
    }

    private static CachedMethod method(CachedMethod.Kind kind, String name) {
        for (Method m : Tasks.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return CachedMethod.of(kind, m, CacheJson.newMapper());
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static Task task(String id, String title) {
        return new Task(id, title, Instant.parse("2026-11-25T12:00:00Z"));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
