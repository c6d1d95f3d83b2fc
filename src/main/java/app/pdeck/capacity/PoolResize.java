package app.pdeck.capacity;

import jakarta.validation.constraints.Positive;

/** {@code PUT /admin/capacity/pools}: new sizes; a pool left out (null) keeps its size. */
public record PoolResize(@Positive Integer mongoMaxSize, @Positive Integer redisPoolSize) {
}
