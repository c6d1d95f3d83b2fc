package app.pdeck.monitoring;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoServerException;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import app.pdeck.platform.DeploymentMeters;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The MongoDB driver's command listener (registered by {@code MongoConnection}): the latency of every command into
 * the timer {@code pdeck.mongodb.commands{command,status}}, and the last failed command for the status endpoint.
 * Command names come from the driver's own set (find, insert, aggregate, getMore …), so the series stay bounded.
 */
@ApplicationScoped
public class MongoCommandMetrics implements CommandListener {

    static final String TIMER = "pdeck.mongodb.commands";

    @Inject
    Instance<MeterRegistry> registries;

    private MeterRegistry registry;
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
    private final AtomicReference<CommandFailure> lastFailure = new AtomicReference<>();

    /** A failed command: when, which, and the server's error code or the exception type (never document values). */
    public record CommandFailure(Instant at, String command, String error) {
    }

    @PostConstruct
    void init() {
        registry = registries.isResolvable() ? registries.get() : null;
        if (registry != null) {
            DeploymentMeters.removeAll(registry, TIMER);
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

    private void record(String command, String status, long nanos) {
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
