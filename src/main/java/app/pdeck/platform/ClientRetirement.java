package app.pdeck.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Closes a backend client that was replaced (credential rotation) once the work already running on it has had time
 * to finish: callers take the current client for each use, so after the swap only calls that started before it still
 * hold the old one, and none of them outlives the longest backend timeout ({@code pdeck.credentials.drain-ms}).
 */
@ApplicationScoped
public class ClientRetirement {

    @Inject
    Logger log;

    @Inject
    @ConfigProperty(name = "pdeck.credentials.drain-ms")
    long drainMs;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Runs {@code close} after the drain period; the stage completes when the client is closed. */
    public CompletionStage<Void> retire(String what, Runnable close) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        scheduler.schedule(() -> {
            try {
                close.run();
                log.info(() -> "Replaced " + what + " closed after " + drainMs + " ms of drain");
                closed.complete(null);
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "closing the replaced " + what + " failed", e);
                closed.complete(null);
            }
        }, drainMs, TimeUnit.MILLISECONDS);
        return closed;
    }
}
