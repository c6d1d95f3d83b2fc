package app.pdeck.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the scheduler does with the persistent timers it finds at start, on a fake timer service. */
class JobSchedulerTimersTest {

    /** A timer of the fake service: its info, and whether it was cancelled. */
    static final class FakeTimer {
        final Object info;
        final ScheduleExpression schedule;
        boolean cancelled;

        FakeTimer(Object info, ScheduleExpression schedule) {
            this.info = info;
            this.schedule = schedule;
        }

        Timer asTimer() {
            return (Timer) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Timer.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getInfo" -> info;
                        case "getSchedule" -> schedule;
                        case "isPersistent" -> true;
                        case "cancel" -> {
                            cancelled = true;
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private final List<FakeTimer> timers = new ArrayList<>();
    private JobScheduler scheduler;

    @BeforeEach
    void fakeTimerService() {
        scheduler = new JobScheduler();
        scheduler.log = Logger.getLogger(JobSchedulerTimersTest.class.getName());
        scheduler.timerService = (TimerService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TimerService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getTimers" -> timers.stream().filter(t -> !t.cancelled).map(FakeTimer::asTimer).toList();
                    case "createCalendarTimer" -> {
                        TimerConfig config = (TimerConfig) args[1];
                        assertTrue(config.isPersistent(), "job timers are persistent");
                        FakeTimer created = new FakeTimer(config.getInfo(), (ScheduleExpression) args[0]);
                        timers.add(created);
                        yield created.asTimer();
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private List<FakeTimer> live() {
        return timers.stream().filter(t -> !t.cancelled).toList();
    }

    @Test
    void aMissingTimerIsCreatedFromTheConfiguredSchedule() {
        scheduler.reconcile("backup", true, JobSchedule.parse("0 2 * * *", "UTC"));
        assertEquals(1, live().size());
        assertEquals("2", live().get(0).schedule.getHour());
        assertEquals("backup", JobSchedule.jobOf(live().get(0).info));
    }

    @Test
    void aTimerOfAnOlderScheduleIsReplaced() {
        JobSchedule old = JobSchedule.parse("0 1 * * *", "UTC");
        timers.add(new FakeTimer(old.timerInfo("backup"), old.toExpression()));
        scheduler.reconcile("backup", true, JobSchedule.parse("30 4 * * *", "UTC"));
        assertTrue(timers.get(0).cancelled);
        assertEquals(1, live().size());
        assertEquals("4", live().get(0).schedule.getHour());
        assertEquals("30", live().get(0).schedule.getMinute());
    }

    @Test
    void aTimerMatchingTheConfigurationIsKeptAndDuplicatesAreCancelled() {
        JobSchedule nightly = JobSchedule.parse("0 2 * * *", "UTC");
        timers.add(new FakeTimer(nightly.timerInfo("backup"), nightly.toExpression()));
        timers.add(new FakeTimer(nightly.timerInfo("backup"), nightly.toExpression()));
        scheduler.reconcile("backup", true, nightly);
        assertEquals(2, timers.size(), "nothing created");
        assertEquals(1, live().size());
        assertTrue(!timers.get(0).cancelled);
    }

    @Test
    void aDisabledJobLosesItsTimerAndOtherJobsKeepTheirs() {
        JobSchedule nightly = JobSchedule.parse("0 2 * * *", "UTC");
        JobSchedule archive = JobSchedule.parse("0 3 * * *", "UTC");
        timers.add(new FakeTimer(nightly.timerInfo("backup"), nightly.toExpression()));
        timers.add(new FakeTimer(archive.timerInfo("archive"), archive.toExpression()));
        timers.add(new FakeTimer("a timer that is not a job's", null));
        scheduler.reconcile("backup", false, nightly);
        assertEquals(List.of("archive", "none"), live().stream()
                .map(t -> JobSchedule.jobOf(t.info) == null ? "none" : JobSchedule.jobOf(t.info)).toList());
    }
}
