package app.pdeck.monitoring;

import app.pdeck.backup.BackupService;
import app.pdeck.backup.BackupSummary;
import app.pdeck.jobs.Job;
import app.pdeck.jobs.JobRun;
import app.pdeck.jobs.JobRunRepository;
import app.pdeck.jobs.JobRunner;
import app.pdeck.platform.NodeName;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Puts the dashboard's answer together from the Micrometer meters of this deployment (requests, MongoDB commands,
 * cache lookups), the health checks, the database status and collection sizes, the newest backup and each job's
 * newest run. A part that cannot be read is left out and named in {@code notes}.
 */
@ApplicationScoped
public class DashboardService {

    static final int TOP_ENDPOINTS = 10;

    @Inject
    Instance<MeterRegistry> registries;

    @Inject
    @Any
    Instance<HealthCheck> checks;

    @Inject
    DatabaseStatusService database;

    @Inject
    BackupService backups;

    @Inject
    JobRunner runner;

    @Inject
    JobRunRepository runs;

    @Inject
    RecentActivity recent;

    public Dashboard read() {
        List<String> notes = new ArrayList<>();
        MeterRegistry registry = registries.isResolvable() ? registries.get() : null;
        if (registry == null) {
            notes.add("no MeterRegistry in this server: request, command and cache figures are unavailable");
        }
        DatabaseStatus status = database.status();
        List<Dashboard.CollectionSize> collections = null;
        try {
            collections = database.collections().collections().stream()
                    .map(c -> new Dashboard.CollectionSize(c.name(), c.documents(), c.dataSize())).toList();
        } catch (RuntimeException e) {
            notes.add("collection sizes unavailable: " + e.getMessage());
        }
        Dashboard.Backup lastBackup = null;
        try {
            List<BackupSummary> all = backups.list();
            if (!all.isEmpty()) {
                BackupSummary b = all.get(0);
                lastBackup = new Dashboard.Backup(b.id(), b.createdAt(), b.documents(), b.sizeOnDisk());
            }
        } catch (RuntimeException e) {
            notes.add("backups unavailable: " + e.getMessage());
        }
        List<Dashboard.JobRunView> jobs = new ArrayList<>();
        try {
            for (Job job : runner.all()) {
                runs.page(job.name(), 1, 1).items().stream().findFirst().map(DashboardService::view).ifPresent(jobs::add);
            }
        } catch (RuntimeException e) {
            notes.add("job runs unavailable: " + e.getMessage());
        }
        jobs.sort(Comparator.comparing(Dashboard.JobRunView::job));
        return new Dashboard(Instant.now(), NodeName.current(), health(), http(registry), caches(registry),
                mongo(registry, status), collections, lastBackup, jobs, recent.samples(), notes);
    }

    private List<Dashboard.Check> health() {
        List<Dashboard.Check> result = new ArrayList<>();
        add(result, "readiness", checks.select(Readiness.Literal.INSTANCE));
        add(result, "liveness", checks.select(Liveness.Literal.INSTANCE));
        return result;
    }

    private static void add(List<Dashboard.Check> result, String kind, Instance<HealthCheck> selected) {
        for (HealthCheck check : selected) {
            HealthCheckResponse response = check.call();
            result.add(new Dashboard.Check(kind, response.getName(), response.getStatus().name(),
                    response.getData().orElse(Map.of())));
        }
    }

    private static Dashboard.Http http(MeterRegistry registry) {
        if (registry == null) {
            return null;
        }
        long requests = 0;
        double totalMs = 0;
        Map<String, Long> byOutcome = new TreeMap<>();
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, double[]> times = new TreeMap<>();
        for (Timer timer : registry.find(HttpMetricsFilter.TIMER).timers()) {
            long count = timer.count();
            double ms = timer.totalTime(TimeUnit.MILLISECONDS);
            requests += count;
            totalMs += ms;
            byOutcome.merge(timer.getId().getTag("outcome"), count, Long::sum);
            String key = timer.getId().getTag("method") + " " + timer.getId().getTag("uri");
            long[] c = counts.computeIfAbsent(key, k -> new long[2]);
            c[0] += count;
            if (timer.getId().getTag("status").startsWith("5")) {
                c[1] += count;
            }
            times.computeIfAbsent(key, k -> new double[1])[0] += ms;
        }
        List<Dashboard.Endpoint> endpoints = counts.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed())
                .limit(TOP_ENDPOINTS)
                .map(e -> {
                    String[] parts = e.getKey().split(" ", 2);
                    long n = e.getValue()[0];
                    return new Dashboard.Endpoint(parts[0], parts[1], n, n == 0 ? 0 : times.get(e.getKey())[0] / n,
                            e.getValue()[1]);
                }).toList();
        return new Dashboard.Http(requests, totalMs, byOutcome, endpoints);
    }

    private static List<Dashboard.CacheUse> caches(MeterRegistry registry) {
        if (registry == null) {
            return null;
        }
        Map<String, long[]> byCache = new TreeMap<>();
        for (FunctionCounter counter : registry.find("pdeck.cache.gets").functionCounters()) {
            long[] c = byCache.computeIfAbsent(counter.getId().getTag("cache"), k -> new long[3]);
            c["hit".equals(counter.getId().getTag("result")) ? 0 : 1] += (long) counter.count();
        }
        for (FunctionCounter counter : registry.find("pdeck.cache.errors").functionCounters()) {
            byCache.computeIfAbsent(counter.getId().getTag("cache"), k -> new long[3])[2] += (long) counter.count();
        }
        return byCache.entrySet().stream()
                .map(e -> new Dashboard.CacheUse(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .toList();
    }

    private static Dashboard.Mongo mongo(MeterRegistry registry, DatabaseStatus status) {
        long commands = 0;
        double totalMs = 0;
        List<Dashboard.Command> byCommand = new ArrayList<>();
        if (registry != null) {
            Map<String, double[]> byName = new TreeMap<>();
            for (Timer timer : registry.find(MongoCommandMetrics.TIMER).timers()) {
                double[] v = byName.computeIfAbsent(timer.getId().getTag("command"), k -> new double[2]);
                v[0] += timer.count();
                v[1] += timer.totalTime(TimeUnit.MILLISECONDS);
            }
            for (Map.Entry<String, double[]> e : byName.entrySet()) {
                long n = (long) e.getValue()[0];
                commands += n;
                totalMs += e.getValue()[1];
                byCommand.add(new Dashboard.Command(e.getKey(), n, n == 0 ? 0 : e.getValue()[1] / n));
            }
        }
        return new Dashboard.Mongo(status.connected(), status.serverVersion(), commands, totalMs, byCommand,
                status.pool());
    }

    private static Dashboard.JobRunView view(JobRun run) {
        Long duration = run.endedAt() == null ? null : Duration.between(run.startedAt(), run.endedAt()).toMillis();
        return new Dashboard.JobRunView(run.job(), run.status().name(), run.startedAt(), run.endedAt(), duration,
                run.error());
    }
}
