package app.pdeck.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void concurrentCallersOfOneKeyShareOneLoad() throws Exception {
        SingleFlight flight = new SingleFlight();
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<Object>> callers = new ArrayList<>();
        callers.add(pool.submit(() -> flight.run("k", () -> {
            loads.incrementAndGet();
            loading.countDown();
            release.await();
            return "value";
        }, v -> { })));
        loading.await(5, TimeUnit.SECONDS);
        for (int i = 0; i < 7; i++) {
            callers.add(pool.submit(() -> flight.run("k", () -> {
                loads.incrementAndGet();
                return "other";
            }, v -> { })));
        }
        awaitWaiting(flight);
        Thread.sleep(50);
        release.countDown();
        for (Future<Object> caller : callers) {
            assertEquals("value", caller.get(5, TimeUnit.SECONDS));
        }
        assertEquals(1, loads.get());
        assertEquals(0, flight.inFlight());
    }

    @Test
    void differentKeysLoadIndependently() throws Exception {
        SingleFlight flight = new SingleFlight();
        assertEquals("a", flight.run("a", () -> "a", v -> { }));
        assertEquals("b", flight.run("b", () -> "b", v -> { }));
    }

    @Test
    void aFailedLoadIsSharedAndTheKeyIsReleased() throws Exception {
        SingleFlight flight = new SingleFlight();
        IllegalStateException failure = new IllegalStateException("db down");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> flight.run("k", () -> {
                    throw failure;
                }, v -> { }));
        assertSame(failure, thrown);
        assertEquals(0, flight.inFlight());
        assertEquals("next", flight.run("k", () -> "next", v -> { }));
    }

    private static void awaitWaiting(SingleFlight flight) throws InterruptedException {
        for (int i = 0; i < 100 && flight.inFlight() == 0; i++) {
            Thread.sleep(10);
        }
    }
}
