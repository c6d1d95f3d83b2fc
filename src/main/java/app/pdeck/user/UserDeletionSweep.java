package app.pdeck.user;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finishes account deletions that were interrupted (crash, restart, database outage) at start-up and then every
 * {@code pdeck.users.deletion-sweep-seconds}. Safe on several nodes at once: finishing a deletion is idempotent.
 */
@Singleton
@Startup
public class UserDeletionSweep {

    @Inject
    Logger log;

    @Inject
    UserService userService;

    @Resource
    TimerService timerService;

    @Inject
    @ConfigProperty(name = "pdeck.users.deletion-sweep-seconds")
    long intervalSeconds;

    @PostConstruct
    void schedule() {
        long intervalMs = intervalSeconds * 1000;
        timerService.createIntervalTimer(Math.min(intervalMs, 5000), intervalMs, new TimerConfig("user-deletion-sweep", false));
    }

    @Timeout
    void sweep() {
        try {
            for (String id : userService.pendingDeletions()) {
                log.info(() -> "finishing interrupted deletion of account " + id);
                userService.finishDeletion(id);
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "account deletion sweep failed; retrying next time: " + e.getMessage());
        }
    }
}
