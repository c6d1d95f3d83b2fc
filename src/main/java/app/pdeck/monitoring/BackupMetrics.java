package app.pdeck.monitoring;

import app.pdeck.backup.BackupService;
import app.pdeck.backup.BackupSummary;
import app.pdeck.platform.DeploymentMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Backup gauges read from the backup directory: {@code pdeck.backup.count}, and of the newest complete backup
 * {@code pdeck.backup.last.size.bytes} (on disk), {@code pdeck.backup.last.documents} and
 * {@code pdeck.backup.last.timestamp.seconds} (Unix time). NaN while there is none, or while the directory cannot be
 * read. The directory is read at most every
 * {@value #REFRESH_MS} ms, however often Prometheus scrapes.
 */
@ApplicationScoped
public class BackupMetrics {

    static final long REFRESH_MS = 10_000;

    @Inject
    Instance<MeterRegistry> registries;

    @Inject
    BackupService backups;

    /** Null while the backup directory cannot be read. */
    private volatile List<BackupSummary> cached;
    private volatile long readAt;

    static final String PREFIX = "pdeck.backup.";

    private MeterRegistry registry;

    void publish(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry = DeploymentMeters.claim(registries, PREFIX);
        if (registry == null) {
            return;
        }
        registry.gauge(PREFIX + "count", Tags.empty(), this,
                m -> m.backups() == null ? Double.NaN : m.backups().size());
        newest(PREFIX + "last.size.bytes", BackupSummary::sizeOnDisk);
        newest(PREFIX + "last.documents", BackupSummary::documents);
        newest(PREFIX + "last.timestamp.seconds", b -> b.createdAt().toEpochMilli() / 1000.0);
    }

    @PreDestroy
    void close() {
        if (registry != null) {
            DeploymentMeters.removeAll(registry, PREFIX);
        }
    }

    private void newest(String name, ToDoubleFunction<BackupSummary> value) {
        registry.gauge(name, Tags.empty(), this, m -> {
            List<BackupSummary> all = m.backups();
            return all == null || all.isEmpty() ? Double.NaN : value.applyAsDouble(all.get(0));
        });
    }

    private List<BackupSummary> backups() {
        long now = System.currentTimeMillis();
        if (now - readAt > REFRESH_MS) {
            try {
                cached = backups.list();
            } catch (RuntimeException e) {
                cached = null;
            }
            readAt = now;
        }
        return cached;
    }
}
