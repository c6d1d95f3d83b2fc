package app.pdeck.cache;

import jakarta.interceptor.Interceptor;

/** Where the cache interceptors sit in the chain. */
final class CacheInterceptors {

    /**
     * Early among application interceptors: a hit returns before anything else of the call runs, and invalidating
     * interceptors see the method's own {@link DataChanged} events.
     */
    static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 100;

    private CacheInterceptors() {
    }
}
