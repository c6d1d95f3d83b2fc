package app.pdeck.monitoring;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoServerException;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import app.pdeck.platform.DeploymentMeters;
import app.pdeck.platform.LatencyWindow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The MongoDB driver's command listener (registered by {@code MongoConnection}): the latency of every command into
 * the timer {@code pdeck.mongodb.commands{command,status}}, and the last failed command for the status endpoint.
 * Command names come from the driver's own set (find, insert, aggregate, getMore …), so the series stay bounded.
 * For autoscaling it keeps the last minute of reads and writes apart (their p99 and rates, {@link #recentReads()}) and
 * exports the p99 of both together as the gauge {@code pdeck.mongodb.commands.p99.ms}; administrative commands (ping,
 * buildInfo, createIndexes …) are not part of that.
 */
@ApplicationScoped
public class MongoCommandMetrics implements CommandListener {

    static final String TIMER = "pdeck.mongodb.commands";
    static final Set<String> READS = Set.of("find", "aggregate", "count", "distinct", "getMore");
    static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify", "bulkWrite");

    @Inject
    Instance<MeterRegistry> registries;

    private MeterRegistry registry;
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
    private final AtomicReference<CommandFailure> lastFailure = new AtomicReference<>();
    private final LatencyWindow reads = new LatencyWindow();
    private final LatencyWindow writes = new LatencyWindow();
    private final LatencyWindow both = new LatencyWindow();

    /** A failed command: when, which, and the server's error code or the exception type (never document values). */
    public record CommandFailure(Instant at, String command, String error) {
    }

    @PostConstruct
    void init() {
        registry = DeploymentMeters.claim(registries, TIMER);
        if (registry != null) {
            registry.gauge(TIMER + ".p99.ms", Tags.empty(), both, w -> w.snapshot().p99Ms());
        }
    }

    @PreDestroy
    void close() {
        if (registry != null) {
            DeploymentMeters.removeAll(registry, TIMER);
        }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        record(event.getCommandName(), "success", event.getElapsedTime(TimeUnit.NANOSECONDS));
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        record(event.getCommandName(), "failure", event.getElapsedTime(TimeUnit.NANOSECONDS));
        lastFailure.set(new CommandFailure(Instant.now(), event.getCommandName(), describe(event.getThrowable())));
    }

    public Optional<CommandFailure> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    /** Reads (find, aggregate, count, distinct, getMore) of the last minute. */
    public LatencyWindow.Snapshot recentReads() {
        return reads.snapshot();
    }

    /** Writes (insert, update, delete, findAndModify) of the last minute. */
    public LatencyWindow.Snapshot recentWrites() {
        return writes.snapshot();
    }

    /** Reads and writes together, the last minute. */
    public LatencyWindow.Snapshot recentCommands() {
        return both.snapshot();
    }

    private void record(String command, String status, long nanos) {
        if (READS.contains(command)) {
            reads.record(nanos);
            both.record(nanos);
        } else if (WRITES.contains(command)) {
            writes.record(nanos);
            both.record(nanos);
        }
        if (registry == null) {
            return;
        }
        timers.computeIfAbsent(List.of(command, status),
                        k -> registry.timer(TIMER, Tags.of("command", k.get(0), "status", k.get(1))))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Server errors by code and name only: their messages can quote document values (e.g. a duplicate key). */
    static String describe(Throwable error) {
        if (error instanceof MongoCommandException command) {
            return "server error " + command.getErrorCode() + " (" + command.getErrorCodeName() + ")";
        }
        if (error instanceof MongoServerException server) {
            return "server error " + server.getCode();
        }
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
}
