package app.pdeck.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live unless the heap stays nearly full even right after garbage collection. A backend outage must not make an
 * orchestrator restart the server (readiness covers that); a heap that collection cannot free should.
 */
@Liveness
@ApplicationScoped
public class ApplicationLivenessCheck implements HealthCheck {

    private static final double MAX_SHARE_AFTER_GC = 0.95;

    @Override
    public HealthCheckResponse call() {
        double worst = 0;
        String worstPool = "none";
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()
                    ? pool.getCollectionUsage() : null;
            if (afterGc != null && afterGc.getMax() > 0) {
                double share = (double) afterGc.getUsed() / afterGc.getMax();
                if (share > worst) {
                    worst = share;
                    worstPool = pool.getName();
                }
            }
        }
        return HealthCheckResponse.named("heap-after-gc")
                .status(worst < MAX_SHARE_AFTER_GC)
                .withData("fullestPool", worstPool)
                .withData("usedPercentAfterGc", Math.round(worst * 100))
                .build();
    }
}
