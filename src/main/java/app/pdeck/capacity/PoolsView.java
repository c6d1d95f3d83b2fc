package app.pdeck.capacity;

import java.time.Instant;

/** The connection pool sizes of this node, the bounds they may be changed within, and the last change. */
public record PoolsView(Pool mongo, Pool redis, Change lastChange) {

    /** A pool's current size (MongoDB: the maximum per server; Redis: connections per master) and its bounds. */
    public record Pool(int size, int min, int max) {
    }

    /** Who changed the sizes when, and how ({@code admin API} or {@code configuration}). */
    public record Change(Instant at, String by, String how, int mongoMaxSize, int redisPoolSize) {
    }
}
