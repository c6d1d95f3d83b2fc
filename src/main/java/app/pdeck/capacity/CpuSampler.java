package app.pdeck.capacity;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads the CPU load of this JVM and of the machine every {@link #PERIOD_SECONDS} seconds. The JVM computes both as
 * the load since the previous read, so a read on demand right after a long pause (or the first one) says little; read
 * at a steady pace, each value covers the last few seconds.
 */
@ApplicationScoped
public class CpuSampler {

    static final long PERIOD_SECONDS = 5;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** The newest readings, 0..1; null until the first sample or where the JVM does not report them. */
    public record Cpu(Double process, Double system) {
    }

    private volatile Cpu latest = new Cpu(null, null);
    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        sample();
        task = scheduler.scheduleAtFixedRate(this::sample, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    public Cpu latest() {
        return latest;
    }

    private void sample() {
        Double system = read("CpuLoad");
        latest = new Cpu(read("ProcessCpuLoad"), system != null ? system : read("SystemCpuLoad"));
    }

    /** An attribute of the platform's OperatingSystem MBean, null when absent or negative (not available). */
    private static Double read(String attribute) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object value = server.getAttribute(new ObjectName(ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME),
                    attribute);
            return value instanceof Number n && n.doubleValue() >= 0 ? Math.round(n.doubleValue() * 1000) / 1000.0
                    : null;
        } catch (Exception notReported) {
            return null;
        }
    }
}
