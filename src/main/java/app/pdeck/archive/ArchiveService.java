package app.pdeck.archive;

import app.pdeck.cache.DataChanged;
import app.pdeck.jobs.Job;
import app.pdeck.jobs.JobContext;
import app.pdeck.platform.PageView;
import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.problem.ApiException;
import app.pdeck.user.AccountDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The archiving job (DONE tasks not updated for {@code pdeck.archive.after-days} move to {@code tasks_archive}) and
 * the user-facing archive: list one's archived tasks, move one back.
 */
@ApplicationScoped
public class ArchiveService implements Job {

    @Inject
    Logger log;

    @Inject
    MongoConnection mongo;

    @Inject
    Event<DataChanged> dataChanged;

    @Inject
    @ConfigProperty(name = "pdeck.archive.after-days")
    int afterDays;

    @Inject
    @ConfigProperty(name = "pdeck.archive.batch-size")
    int batchSize;

    private final Clock clock = Clock.systemUTC();

    /** A deleted account's tasks go, active and archived, in the archive's order (see TaskArchiver#deleteTasksOf). */
    void deleteTasksOf(@Observes AccountDeleted deleted) {
        long removed = archiver().deleteTasksOf(deleted.userId());
        if (removed > 0) {
            log.info(() -> "account " + deleted.userId() + ": removed " + removed + " active and archived tasks");
        }
    }

    private TaskArchiver archiver() {
        return new TaskArchiver(mongo.database(), clock);
    }

    @Override
    public String name() {
        return "archive";
    }

    @Override
    public String lockName() {
        return DATA_MOVING_LOCK;
    }

    @Override
    public void run(JobContext context) {
        Instant cutoff = clock.instant().minus(Duration.ofDays(afterDays));
        TaskArchiver.Result result = archiver().archive(cutoff, batchSize, context::checkpoint);
        context.count("archived", result.archived());
        context.count("settled", result.settled());
        context.count("users", result.users().size());
        context.result("cutoff", cutoff.toString());
        if (result.archived() > 0 || result.settled() > 0) {
            // Cache contract: bulk moves flush every user's cached data, after the moves are durable.
            dataChanged.fire(DataChanged.forEveryone());
        }
        log.info("Archived " + result.archived() + " task(s) of " + result.users().size() + " user(s) updated before "
                + cutoff + "; settled " + result.settled() + " interrupted move(s)");
    }

    /** Page {@code page} (from 1) of the user's archived tasks, newest archived first. */
    public PageView<ArchivedTask> listArchived(String userId, int page, int size) {
        TaskArchiver archiver = archiver();
        return new PageView<>(archiver.listArchived(userId, page - 1, size).stream().map(ArchivedTask::of)
                .toList(), page, size, archiver.countArchived(userId));
    }

    /** Moves the user's archived task back; idempotent; 404 when the user has no such task. */
    public ArchivedTask unarchive(String userId, String taskId) {
        ArchivedTask task = archiver().unarchive(userId, taskId).map(ArchivedTask::of)
                .orElseThrow(() -> ApiException.notFound("Archived task " + taskId));
        dataChanged.fire(DataChanged.forUser(userId));
        return task;
    }
}
