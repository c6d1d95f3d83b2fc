package app.pdeck.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * This node's request and MongoDB command totals every {@link #PERIOD_SECONDS} s over the last {@link #WINDOW},
 * kept in memory from the deployment on, so the dashboard's time charts have points the moment it opens (the page
 * turns two consecutive samples into a rate and a mean latency). A restart starts an empty window: the durable
 * history is {@code metrics_history}.
 */
@ApplicationScoped
public class RecentActivity {

    static final long PERIOD_SECONDS = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Instance<MeterRegistry> registries;

    private final Deque<Dashboard.Sample> samples = new ArrayDeque<>();
    private MeterRegistry registry;
    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry = registries.isResolvable() ? registries.get() : null;
        if (registry == null) {
            return;
        }
        sample();
        task = scheduler.scheduleAtFixedRate(this::sample, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** The samples of the window, oldest first. */
    public synchronized List<Dashboard.Sample> samples() {
        return List.copyOf(samples);
    }

    private void sample() {
        record(read(registry, Instant.now()));
    }

    synchronized void record(Dashboard.Sample sample) {
        samples.addLast(sample);
        Instant oldest = sample.at().minus(WINDOW);
        while (samples.peekFirst().at().isBefore(oldest)) {
            samples.removeFirst();
        }
    }

    /** The totals since deployment, as {@code GET /admin/dashboard} reports them in {@code http} and {@code mongo}. */
    static Dashboard.Sample read(MeterRegistry registry, Instant at) {
        long requests = 0;
        double requestMs = 0;
        for (Timer timer : registry.find(HttpMetricsFilter.TIMER).timers()) {
            requests += timer.count();
            requestMs += timer.totalTime(TimeUnit.MILLISECONDS);
        }
        long commands = 0;
        double commandMs = 0;
        for (Timer timer : registry.find(MongoCommandMetrics.TIMER).timers()) {
            commands += timer.count();
            commandMs += timer.totalTime(TimeUnit.MILLISECONDS);
        }
        return new Dashboard.Sample(at, requests, requestMs, commands, commandMs);
    }
}
