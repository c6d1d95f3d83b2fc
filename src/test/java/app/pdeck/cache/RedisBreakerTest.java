package app.pdeck.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.pdeck.cache.RedisBreaker.Permit;
import app.pdeck.cache.RedisBreaker.State;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RedisBreakerTest {

    private final AtomicLong clock = new AtomicLong();
    private final List<String> changes = new ArrayList<>();
    private final RedisBreaker breaker = new RedisBreaker(3, TimeUnit.SECONDS.toNanos(5), clock::get,
            (from, to, reason) -> changes.add(from + "->" + to));

    @Test
    void opensAfterThreeConsecutiveFailuresAndThenSkipsRedis() {
        breaker.failure("timeout");
        breaker.failure("timeout");
        assertEquals(Permit.USE, breaker.acquire());
        breaker.failure("timeout");
        assertEquals(State.OPEN, breaker.state());
        assertEquals(Permit.SKIP, breaker.acquire());
        assertEquals(List.of("CLOSED->OPEN"), changes);
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        breaker.failure("timeout");
        breaker.failure("timeout");
        breaker.success();
        breaker.failure("timeout");
        breaker.failure("timeout");
        assertEquals(State.CLOSED, breaker.state());
    }

    @Test
    void afterTheOpenPeriodExactlyOneCallerTriesTheRecovery() {
        breaker.forceOpen("bump failed");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(4));
        assertEquals(Permit.SKIP, breaker.acquire());
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertEquals(Permit.RECOVER, breaker.acquire());
        assertEquals(Permit.SKIP, breaker.acquire());
        breaker.recovered("epoch bumped");
        assertEquals(Permit.USE, breaker.acquire());
        assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED"), changes);
    }

    @Test
    void aFailedRecoveryKeepsItOpenForAnotherPeriod() {
        breaker.forceOpen("bump failed");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(5));
        assertEquals(Permit.RECOVER, breaker.acquire());
        breaker.recoveryFailed("still down");
        assertEquals(Permit.SKIP, breaker.acquire());
        clock.addAndGet(TimeUnit.SECONDS.toNanos(5));
        assertEquals(Permit.RECOVER, breaker.acquire());
    }

    @Test
    void repeatedFailuresWhileOpenAreOneStateChange() {
        for (int i = 0; i < 10; i++) {
            breaker.failure("timeout");
            breaker.forceOpen("bump failed");
        }
        assertEquals(List.of("CLOSED->OPEN"), changes);
    }
}
