/** Caching on Redis through JCache annotations and Redisson, and the invalidation that keeps it correct. */
package app.pdeck.cache;
