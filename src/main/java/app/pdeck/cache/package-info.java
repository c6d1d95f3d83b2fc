/**
 * Caching on Redis through the JCache annotations ({@code @CacheResult}, {@code @CachePut}, {@code @CacheRemove},
 * {@code @CacheRemoveAll}, {@code @CacheKey}, {@code @CacheValue}) plus {@link app.pdeck.cache.CacheOwner}, and
 * the invalidation that keeps it correct ({@link app.pdeck.cache.DataChanged},
 * {@link app.pdeck.cache.CacheInvalidation}). How a service uses it: docs/caching.md.
 */
package app.pdeck.cache;
