package app.pdeck.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.platform.problem.ProblemDetail.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolBoundsTest {

    private final PoolBounds bounds = new PoolBounds(5, 200, 4, 128, 0, 4);

    @Test
    void sizesWithinTheBoundsAreAccepted() {
        assertTrue(bounds.check(5, 4).isEmpty());
        assertTrue(bounds.check(200, 128).isEmpty());
        assertTrue(bounds.check(60, null).isEmpty());
        assertTrue(bounds.check(null, 32).isEmpty());
    }

    @Test
    void eachSizeOutsideItsBoundIsNamed() {
        assertEquals(List.of(new FieldError("mongoMaxSize", "must be between 5 and 200, got 201"),
                new FieldError("redisPoolSize", "must be between 4 and 128, got 3")), bounds.check(201, 3));
        assertEquals(List.of(new FieldError("mongoMaxSize", "must be between 5 and 200, got 4")), bounds.check(4, 24));
        assertEquals(List.of(new FieldError("redisPoolSize", "must be between 4 and 128, got 129")),
                bounds.check(null, 129));
    }

    @Test
    void aPoolIsNeverSmallerThanItsConfiguredMinimum() {
        PoolBounds withMinimums = new PoolBounds(5, 200, 4, 128, 10, 8);
        assertEquals(10, withMinimums.mongoLowest());
        assertEquals(List.of(new FieldError("mongoMaxSize", "must be between 10 and 200 (mongodb.pool.min-size is 10), got 6"),
                new FieldError("redisPoolSize", "must be between 8 and 128 (redis.pool.min-idle is 8), got 6")),
                withMinimums.check(6, 6));
    }

    @Test
    void nonsensicalBoundsAreRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new PoolBounds(50, 10, 4, 128, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> new PoolBounds(0, 10, 4, 128, 0, 4));
    }

    @Test
    void aRaisedPoolIsHalfAsLargeAgainWithinTheBound() {
        assertEquals(75, PoolBounds.raised(50, 200));
        assertEquals(2, PoolBounds.raised(1, 200));
        assertEquals(200, PoolBounds.raised(190, 200));
    }
}
