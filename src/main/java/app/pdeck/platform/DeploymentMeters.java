package app.pdeck.platform;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Instance;

/**
 * Rules for meters on the {@link MeterRegistry} WildFly 39's micrometer subsystem gives the deployment. That
 * registry exports only meters created through its convenience methods ({@code counter(name, tags)},
 * {@code timer(name, tags)}, {@code gauge(name, tags, obj, f)}, {@code more().counter(...)},
 * {@code more().timer(...)}): a meter registered with a builder ({@code Timer.builder(..).register(registry)}) stays
 * inside the deployment's wrapper and never reaches Prometheus, and descriptions, base units and histogram settings
 * are not passed on (put the unit in the name). Meters of an earlier deployment of the same WAR outlive it in the
 * server's registry, and a gauge already registered under a name and tags is never replaced, so every feature removes
 * its meters when it starts and when it stops.
 */
public final class DeploymentMeters {

    private DeploymentMeters() {
    }

    /**
     * The registry this server gives the deployment, cleared of meters an earlier deployment left under these
     * prefixes; null when the server has no micrometer subsystem.
     */
    public static MeterRegistry claim(Instance<MeterRegistry> registries, String... prefixes) {
        if (!registries.isResolvable()) {
            return null;
        }
        MeterRegistry registry = registries.get();
        for (String prefix : prefixes) {
            removeAll(registry, prefix);
        }
        return registry;
    }

    /** Removes this deployment's meters whose name starts with {@code prefix} (e.g. {@code pdeck.cache.}). */
    public static void removeAll(MeterRegistry registry, String prefix) {
        for (Meter meter : registry.getMeters()) {
            if (meter.getId().getName().startsWith(prefix)) {
                registry.remove(meter);
            }
        }
    }
}
