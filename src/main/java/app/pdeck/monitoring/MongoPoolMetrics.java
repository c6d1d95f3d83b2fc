package app.pdeck.monitoring;

import com.mongodb.connection.ServerId;
import com.mongodb.event.ConnectionCheckOutFailedEvent;
import com.mongodb.event.ConnectionCheckOutStartedEvent;
import com.mongodb.event.ConnectionCheckedInEvent;
import com.mongodb.event.ConnectionCheckedOutEvent;
import com.mongodb.event.ConnectionClosedEvent;
import com.mongodb.event.ConnectionCreatedEvent;
import com.mongodb.event.ConnectionPoolClosedEvent;
import com.mongodb.event.ConnectionPoolCreatedEvent;
import com.mongodb.event.ConnectionPoolListener;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * The driver's connection pool listener (registered by {@code MongoConnection}): open connections, connections in
 * use, threads waiting for one and the configured maximum, per server, as the gauges {@code pdeck.mongodb.pool.size},
 * {@code .inuse}, {@code .waitqueue} and {@code .max{server}}, and how long each checkout waited for a connection: the timer
 * {@code pdeck.mongodb.pool.wait{outcome}} (checked out / failed) and the gauge {@code pdeck.mongodb.pool.wait.p99.ms}
 * over the last minute (for autoscaling). Pools are keyed by the driver's server id, so a replaced client (credential rotation)
 * adds its pool to the same series and the closed one drops out.
 */
@ApplicationScoped
public class MongoPoolMetrics implements ConnectionPoolListener {

    static final String PREFIX = "pdeck.mongodb.pool.";

    @Inject
    Instance<MeterRegistry> registries;

    private MeterRegistry registry;
    private final Map<ServerId, Pool> pools = new ConcurrentHashMap<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final LatencyWindow waits = new LatencyWindow();
    private Timer checkedOutWaits;
    private Timer failedWaits;

    /** One pool's counters. */
    static final class Pool {
        final String server;
        final int maxSize;
        final AtomicInteger size = new AtomicInteger();
        final AtomicInteger inUse = new AtomicInteger();
        final AtomicInteger waiting = new AtomicInteger();

        Pool(String server, int maxSize) {
            this.server = server;
            this.maxSize = maxSize;
        }
    }

    /** All pools of this client together: for the status endpoint. */
    public record PoolTotals(int size, int inUse, int idle, int waitQueue, int maxSize) {
    }

    @PostConstruct
    void init() {
        registry = DeploymentMeters.claim(registries, PREFIX);
        if (registry != null) {
            checkedOutWaits = registry.timer(PREFIX + "wait", Tags.of("outcome", "checked_out"));
            failedWaits = registry.timer(PREFIX + "wait", Tags.of("outcome", "failed"));
            registry.gauge(PREFIX + "wait.p99.ms", Tags.empty(), waits, w -> w.snapshot().p99Ms());
        }
    }

    @PreDestroy
    void close() {
        if (registry != null) {
            DeploymentMeters.removeAll(registry, PREFIX);
        }
    }

    @Override
    public void connectionPoolCreated(ConnectionPoolCreatedEvent event) {
        String server = event.getServerId().getAddress().toString();
        pools.put(event.getServerId(), new Pool(server, event.getSettings().getMaxSize()));
        if (registry != null && registered.add(server)) {
            gauge(PREFIX + "size", server, p -> p.size.get());
            gauge(PREFIX + "inuse", server, p -> p.inUse.get());
            gauge(PREFIX + "waitqueue", server, p -> p.waiting.get());
            gauge(PREFIX + "max", server, p -> p.maxSize);
        }
    }

    private void gauge(String name, String server, ToIntFunction<Pool> value) {
        registry.gauge(name, Tags.of("server", server), this, self -> self.sum(server, value));
    }

    private int sum(String server, ToIntFunction<Pool> value) {
        return pools.values().stream().filter(p -> p.server.equals(server)).mapToInt(value).sum();
    }

    @Override
    public void connectionPoolClosed(ConnectionPoolClosedEvent event) {
        pools.remove(event.getServerId());
    }

    @Override
    public void connectionCreated(ConnectionCreatedEvent event) {
        with(event.getConnectionId().getServerId(), p -> p.size.incrementAndGet());
    }

    @Override
    public void connectionClosed(ConnectionClosedEvent event) {
        with(event.getConnectionId().getServerId(), p -> p.size.decrementAndGet());
    }

    @Override
    public void connectionCheckOutStarted(ConnectionCheckOutStartedEvent event) {
        with(event.getServerId(), p -> p.waiting.incrementAndGet());
    }

    @Override
    public void connectionCheckedOut(ConnectionCheckedOutEvent event) {
        with(event.getConnectionId().getServerId(), p -> {
            p.waiting.decrementAndGet();
            p.inUse.incrementAndGet();
        });
        waited(event.getElapsedTime(TimeUnit.NANOSECONDS), checkedOutWaits);
    }

    @Override
    public void connectionCheckOutFailed(ConnectionCheckOutFailedEvent event) {
        with(event.getServerId(), p -> p.waiting.decrementAndGet());
        waited(event.getElapsedTime(TimeUnit.NANOSECONDS), failedWaits);
    }

    private void waited(long nanos, Timer timer) {
        waits.record(nanos);
        if (timer != null) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Checkout waits of the last minute, failed ones included. */
    public LatencyWindow.Snapshot recentWaits() {
        return waits.snapshot();
    }

    @Override
    public void connectionCheckedIn(ConnectionCheckedInEvent event) {
        with(event.getConnectionId().getServerId(), p -> p.inUse.decrementAndGet());
    }

    private void with(ServerId id, java.util.function.Consumer<Pool> change) {
        Pool pool = pools.get(id);
        if (pool != null) {
            change.accept(pool);
        }
    }

    public PoolTotals totals() {
        int size = 0;
        int inUse = 0;
        int waiting = 0;
        int max = 0;
        for (Pool p : pools.values()) {
            size += p.size.get();
            inUse += p.inUse.get();
            waiting += p.waiting.get();
            max += p.maxSize;
        }
        return new PoolTotals(size, inUse, Math.max(0, size - inUse), waiting, max);
    }
}
