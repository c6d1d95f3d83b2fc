package app.pdeck.security.credential;

import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.redis.RedisConnection;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Notices a changed credential store (an operator ran {@code ops/credentials add}) and lets the backend connections
 * rebuild their clients when their settings changed, so a credential stored by hand takes effect without a restart.
 */
@ApplicationScoped
public class CredentialStoreWatcher {

    @Inject
    Logger log;

    @Inject
    RedisConnection redis;

    @Inject
    MongoConnection mongo;

    @Inject
    @ConfigProperty(name = "pdeck.credentials.poll-ms")
    long pollMs;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private long seenVersion;
    private ScheduledFuture<?> polling;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        SecretStore store = SecretStore.shared();
        if (!store.configured()) {
            return;
        }
        seenVersion = store.version();
        polling = scheduler.scheduleWithFixedDelay(this::check, pollMs, pollMs, TimeUnit.MILLISECONDS);
    }

    synchronized void check() {
        try {
            long version = SecretStore.shared().version();
            if (version == seenVersion) {
                return;
            }
            seenVersion = version;
            boolean redisSwapped = redis.refresh().isPresent();
            boolean mongoSwapped = mongo.refresh(false).isPresent();
            log.info(() -> "Credential store changed" + (redisSwapped ? "; Redis client replaced" : "")
                    + (mongoSwapped ? "; MongoDB client replaced" : ""));
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "applying the changed credential store failed: " + e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        if (polling != null) {
            polling.cancel(false);
        }
    }
}
