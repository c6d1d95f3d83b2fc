package app.pdeck.monitoring;

import app.pdeck.backup.BackupService;
import app.pdeck.backup.BackupSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Backup gauges read from the backup directory: {@code pdeck.backup.count}, and of the newest complete backup
 * {@code pdeck.backup.last.size} (bytes on disk), {@code pdeck.backup.last.documents} and
 * {@code pdeck.backup.last.timestamp} (Unix seconds). NaN while there is none, or while the directory cannot be
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

    void publish(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!registries.isResolvable()) {
            return;
        }
        MeterRegistry registry = registries.get();
        Gauge.builder("pdeck.backup.count", this, m -> m.backups() == null ? Double.NaN : m.backups().size())
                .description("complete backups in the backup directory").strongReference(true).register(registry);
        newest(registry, "pdeck.backup.last.size", "bytes", "size on disk of the newest backup", BackupSummary::sizeOnDisk);
        newest(registry, "pdeck.backup.last.documents", null, "documents in the newest backup", BackupSummary::documents);
        newest(registry, "pdeck.backup.last.timestamp", "seconds", "when the newest backup was taken (Unix time)",
                b -> b.createdAt().toEpochMilli() / 1000.0);
    }

    private void newest(MeterRegistry registry, String name, String unit, String description,
                        ToDoubleFunction<BackupSummary> value) {
        Gauge.builder(name, this, m -> {
            List<BackupSummary> all = m.backups();
            return all == null || all.isEmpty() ? Double.NaN : value.applyAsDouble(all.get(0));
        }).baseUnit(unit).description(description).strongReference(true).register(registry);
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
