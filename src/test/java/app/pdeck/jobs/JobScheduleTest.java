package app.pdeck.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.ScheduleExpression;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobScheduleTest {

    @Test
    void dailyAtTwoBecomesACalendarExpressionAtSecondZero() {
        ScheduleExpression expression = JobSchedule.parse("0 2 * * *", "UTC").toExpression();
        assertEquals("0", expression.getSecond());
        assertEquals("0", expression.getMinute());
        assertEquals("2", expression.getHour());
        assertEquals("*", expression.getDayOfMonth());
        assertEquals("*", expression.getMonth());
        assertEquals("*", expression.getDayOfWeek());
        assertEquals("*", expression.getYear());
        assertEquals("UTC", expression.getTimezone());
    }

    @Test
    void everyFiveMinutesKeepsTheIncrement() {
        ScheduleExpression expression = JobSchedule.parse("*/5 * * * *", "UTC").toExpression();
        assertEquals("*/5", expression.getMinute());
        assertEquals("*", expression.getHour());
    }

    @Test
    void listsRangesNamesAndTimeZonesAreAccepted() {
        ScheduleExpression expression = JobSchedule.parse("15,45 1-3 1 Jan,jul Mon-Fri", "Europe/Berlin")
                .toExpression();
        assertEquals("15,45", expression.getMinute());
        assertEquals("1-3", expression.getHour());
        assertEquals("Jan,jul", expression.getMonth());
        assertEquals("Mon-Fri", expression.getDayOfWeek());
        assertEquals("Europe/Berlin", expression.getTimezone());
    }

    @Test
    void extraSpacesDoNotChangeTheSchedule() {
        assertEquals(JobSchedule.parse("0 2 * * *", "UTC").timerInfo("backup"),
                JobSchedule.parse("  0   2 *  * * ", "UTC").timerInfo("backup"));
    }

    @Test
    void aChangedScheduleGivesADifferentTimerInfo() {
        String nightly = JobSchedule.parse("0 2 * * *", "UTC").timerInfo("backup");
        assertNotEquals(nightly, JobSchedule.parse("30 2 * * *", "UTC").timerInfo("backup"));
        assertNotEquals(nightly, JobSchedule.parse("0 2 * * *", "Europe/Paris").timerInfo("backup"));
    }

    @Test
    void theTimerInfoNamesItsJob() {
        assertEquals("backup", JobSchedule.jobOf(JobSchedule.parse("0 2 * * *", "UTC").timerInfo("backup")));
        assertEquals("metrics", JobSchedule.jobOf(JobSchedule.parse("*/5 * * * *", "UTC").timerInfo("metrics")));
        assertNull(JobSchedule.jobOf("someone else's timer"));
        assertNull(JobSchedule.jobOf(42));
    }

    @Test
    void wrongFieldCountIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobSchedule.parse("0 2 * *", "UTC"));
        assertTrue(e.getMessage().contains("4 fields"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse("0 0 2 * * *", "UTC"));
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse(" ", "UTC"));
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobSchedule.parse("0 24 * * *", "UTC"));
        assertTrue(e.getMessage().contains("hour"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse("60 2 * * *", "UTC"));
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse("0 2 0 * *", "UTC"));
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse("0 2 * 13 *", "UTC"));
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse("0 2 * * 8", "UTC"));
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse("*/0 * * * *", "UTC"));
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse("0 2 * * Funday", "UTC"));
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse("0 2 ? * *", "UTC"));
    }

    @Test
    void unknownTimeZoneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse("0 2 * * *", "Mars/Olympus"));
    }

    @Test
    void aTimerFiringLateBelongsToTheOccurrenceItWasScheduledFor() {
        JobSchedule nightly = JobSchedule.parse("0 2 * * *", "UTC");
        Instant twoAm = Instant.parse("2026-11-25T02:00:00Z");
        assertEquals(twoAm, nightly.occurrenceAt(twoAm));
        assertEquals(twoAm, nightly.occurrenceAt(twoAm.plusMillis(7)));
        assertEquals(twoAm, nightly.occurrenceAt(twoAm.plusSeconds(41)));
        assertEquals(twoAm, nightly.occurrenceAt(twoAm.plusSeconds(47 * 60)));
        assertEquals(twoAm, nightly.occurrenceAt(Instant.parse("2026-11-26T01:59:00Z")));
    }

    @Test
    void aTimerFiringAFewMillisecondsEarlyBelongsToTheComingOccurrence() {
        JobSchedule nightly = JobSchedule.parse("0 2 * * *", "UTC");
        assertEquals(Instant.parse("2026-11-25T02:00:00Z"),
                nightly.occurrenceAt(Instant.parse("2026-11-25T01:59:59.200Z")));
    }

    @Test
    void incrementsListsAndDaysOfWeekPickThePreviousMatchingTime() {
        assertEquals(Instant.parse("2026-11-25T10:45:00Z"),
                JobSchedule.parse("*/5 * * * *", "UTC").occurrenceAt(Instant.parse("2026-11-25T10:49:30Z")));
        assertEquals(Instant.parse("2026-11-25T03:45:00Z"),
                JobSchedule.parse("15,45 1-3 * * *", "UTC").occurrenceAt(Instant.parse("2026-11-25T04:10:00Z")));
        // 2026-11-28 is a Saturday: the last weekday run was Friday 27th at 01:30.
        assertEquals(Instant.parse("2026-11-27T01:30:00Z"),
                JobSchedule.parse("30 1 * * Mon-Fri", "UTC").occurrenceAt(Instant.parse("2026-11-28T12:00:00Z")));
        // Sunday is 0 and 7.
        assertEquals(Instant.parse("2026-11-22T00:00:00Z"),
                JobSchedule.parse("0 0 * * 7", "UTC").occurrenceAt(Instant.parse("2026-11-25T00:00:00Z")));
        // Both day-of-month and day-of-week restricted: both must match (EJB), Friday the 13th.
        assertEquals(Instant.parse("2026-11-13T00:00:00Z"),
                JobSchedule.parse("0 0 13 * Fri", "UTC").occurrenceAt(Instant.parse("2027-02-12T00:00:00Z")));
        assertEquals(Instant.parse("2024-02-29T03:00:00Z"),
                JobSchedule.parse("0 3 29 Feb *", "UTC").occurrenceAt(Instant.parse("2027-01-01T00:00:00Z")));
    }

    @Test
    void theOccurrenceIsCountedInTheSchedulesTimeZoneAcrossDaylightSavingChanges() {
        JobSchedule berlin = JobSchedule.parse("0 2 * * *", "Europe/Berlin");
        assertEquals(Instant.parse("2026-11-25T01:00:00Z"), berlin.occurrenceAt(Instant.parse("2026-11-25T01:40:00Z")));
        // 2026-03-29 02:00 does not exist in Berlin (clocks jump to 03:00): the previous run was on the 28th.
        assertEquals(Instant.parse("2026-03-28T01:00:00Z"), berlin.occurrenceAt(Instant.parse("2026-03-29T05:00:00Z")));
        assertEquals(Instant.parse("2026-07-01T00:00:00Z"), berlin.occurrenceAt(Instant.parse("2026-07-01T09:00:00Z")));
    }

    @Test
    void aTimersCalendarExpressionGivesBackItsSchedule() {
        JobSchedule schedule = JobSchedule.parse("15,45 1-3 * Jan,jul Mon-Fri", "Europe/Berlin");
        assertEquals(schedule, JobSchedule.of(schedule.toExpression()));
    }
}
