package app.pdeck.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.ScheduleExpression;
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
}
