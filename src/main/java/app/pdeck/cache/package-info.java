/**
 * Caching on Redis through the JCache annotations ({@code @CacheResult}, {@code @CacheRemove},
 * {@code @CacheRemoveAll}, {@code @CacheKey}) plus {@link app.pdeck.cache.CacheOwner}, answers kept as their JSON
 * ({@link app.pdeck.cache.Rendered}), and the invalidation that keeps it correct ({@link app.pdeck.cache.DataChanged},
 * the one way a write reaches the cache, observed by {@link app.pdeck.cache.CacheInvalidation}). How a service uses
 * it: docs/caching.md.
 */
package app.pdeck.cache;
