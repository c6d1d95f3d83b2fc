package app.pdeck.cache;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Per-key single flight inside one JVM: while one caller loads a key, concurrent callers for the same key wait for
 * that load instead of hitting the database themselves. Keys contain the key versions (epoch, generation), so a
 * caller that starts after an invalidation never joins a load that began before it.
 */
final class SingleFlight {

    private final ConcurrentHashMap<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

    /**
     * Runs {@code load} unless a load of {@code key} is already running, in which case its outcome is shared.
     * {@code afterLoad} runs in the loading thread once waiting callers have their value (e.g. to store it), and
     * before the key is released.
     */
    Object run(String key, Callable<Object> load, Consumer<Object> afterLoad) throws Exception {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Object value;
            try {
                value = load.call();
            } catch (Throwable t) {
                mine.completeExceptionally(t);
                throw t;
            }
            mine.complete(value);
            afterLoad.accept(value);
            return value;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    int inFlight() {
        return inFlight.size();
    }

    private static Object await(CompletableFuture<Object> running) throws Exception {
        try {
            return running.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
