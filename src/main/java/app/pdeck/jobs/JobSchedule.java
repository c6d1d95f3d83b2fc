package app.pdeck.jobs;

import jakarta.ejb.ScheduleExpression;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A job's schedule as configured: five cron fields {@code minute hour day-of-month month day-of-week} and a time
 * zone, turned into the EJB {@link ScheduleExpression} the timer service runs (second fixed at 0).
 *
 * <p>Each field accepts what both cron and EJB calendar expressions understand: {@code *}, a value, a range
 * {@code a-b}, an increment {@code * /n} or {@code a/n} (without the space), or a comma-separated list of values and
 * ranges. Months and days of week may be numbers or English three-letter names; day of week 0 and 7 are Sunday.
 * Unlike cron, a restricted day-of-month AND a restricted day-of-week must both match (EJB semantics).
 */
public record JobSchedule(String minute, String hour, String dayOfMonth, String month, String dayOfWeek,
                          String timeZone) {

    /** How early a timer may fire and still stand for the coming time (timer services round to milliseconds). */
    static final Duration EARLY_FIRING = Duration.ofSeconds(2);
    private static final int SEARCH_YEARS = 8;

    private static final Pattern NUMBER = Pattern.compile("\\d{1,2}");
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
            "nov", "dec"};
    private static final String[] DAYS = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

    /**
     * Parses {@code "0 2 * * *"}-style text.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static JobSchedule parse(String cron, String timeZone) {
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("schedule is empty; expected 'minute hour day-of-month month day-of-week'");
        }
        String[] fields = cron.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("schedule '" + cron + "' has " + fields.length
                    + " fields; expected 5: 'minute hour day-of-month month day-of-week'");
        }
        check("minute", fields[0], 0, 59, null);
        check("hour", fields[1], 0, 23, null);
        check("day-of-month", fields[2], 1, 31, null);
        check("month", fields[3], 1, 12, MONTHS);
        check("day-of-week", fields[4], 0, 7, DAYS);
        String zone;
        try {
            zone = ZoneId.of(timeZone.trim()).getId();
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("unknown time zone '" + timeZone + "'");
        }
        return new JobSchedule(fields[0], fields[1], fields[2], fields[3], fields[4], zone);
    }

    /** The schedule a timer was created with (by {@link #toExpression()}). */
    static JobSchedule of(ScheduleExpression expression) {
        return parse(String.join(" ", expression.getMinute(), expression.getHour(), expression.getDayOfMonth(),
                expression.getMonth(), expression.getDayOfWeek()), expression.getTimezone());
    }

    /** The calendar expression for {@code TimerService.createCalendarTimer}. */
    public ScheduleExpression toExpression() {
        return new ScheduleExpression()
                .second("0").minute(minute).hour(hour)
                .dayOfMonth(dayOfMonth).month(month).dayOfWeek(dayOfWeek).year("*")
                .timezone(timeZone);
    }

    /**
     * The scheduled time a timer firing at {@code firedAt} stands for: the latest time of this schedule at or before
     * it (allowing the timer to fire up to {@link #EARLY_FIRING} early). It depends on the schedule only, never on
     * how late the timer fired, so every node, a late timer and a timer replayed at start-up all name the same
     * occurrence. A timer that fires after a later time of the schedule has passed stands for that later time: the
     * missed one is caught up once, not once per missed time.
     *
     * @throws IllegalStateException when the schedule has had no time in the last {@value #SEARCH_YEARS} years
     *                               (e.g. 31 February), which the timer service could never have fired either
     */
    public Instant occurrenceAt(Instant firedAt) {
        ZoneId zone = ZoneId.of(timeZone);
        BitSet minutes = values(minute, 0, 59, null);
        BitSet hours = values(hour, 0, 23, null);
        BitSet days = values(dayOfMonth, 1, 31, null);
        BitSet months = values(month, 1, 12, MONTHS);
        BitSet weekdays = values(dayOfWeek, 0, 7, DAYS);
        if (weekdays.get(7)) {
            weekdays.set(0);
        }
        LocalDateTime latest = LocalDateTime.ofInstant(firedAt.plus(EARLY_FIRING), zone).truncatedTo(ChronoUnit.MINUTES);
        LocalDate oldest = latest.toLocalDate().minusYears(SEARCH_YEARS);
        for (LocalDate day = latest.toLocalDate(); !day.isBefore(oldest); day = day.minusDays(1)) {
            if (!months.get(day.getMonthValue()) || !days.get(day.getDayOfMonth())
                    || !weekdays.get(day.getDayOfWeek().getValue() % 7)) {
                continue;
            }
            for (int h = 23; h >= 0; h--) {
                for (int m = hours.get(h) ? 59 : -1; m >= 0; m--) {
                    LocalDateTime candidate = day.atTime(h, m);
                    if (!minutes.get(m) || candidate.isAfter(latest)) {
                        continue;
                    }
                    ZonedDateTime zoned = candidate.atZone(zone);
                    // A local time skipped by a daylight-saving jump never happens; the timer service skips it too.
                    if (zoned.toLocalDateTime().equals(candidate)) {
                        return zoned.toInstant();
                    }
                }
            }
        }
        throw new IllegalStateException("schedule '" + cron() + "' (" + timeZone + ") has had no time in the last "
                + SEARCH_YEARS + " years");
    }

    /** The values a field matches: {@code *}, values, ranges (wrapping when a > b, as in EJB), increments, lists. */
    private static BitSet values(String field, int min, int max, String[] names) {
        BitSet set = new BitSet(max + 1);
        for (String item : field.split(",")) {
            int slash = item.indexOf('/');
            if (item.equals("*")) {
                set.set(min, max + 1);
            } else if (slash >= 0) {
                String start = item.substring(0, slash);
                int step = Integer.parseInt(item.substring(slash + 1));
                for (int v = start.equals("*") ? min : value(start, names); v <= max; v += step) {
                    set.set(v);
                }
            } else if (item.indexOf('-') > 0) {
                int from = value(item.substring(0, item.indexOf('-')), names);
                int to = value(item.substring(item.indexOf('-') + 1), names);
                for (int v = from; v != to; v = v == max ? min : v + 1) {
                    set.set(v);
                }
                set.set(to);
            } else {
                set.set(value(item, names));
            }
        }
        return set;
    }

    private static int value(String text, String[] names) {
        if (NUMBER.matcher(text).matches()) {
            return Integer.parseInt(text);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(lower)) {
                // Months are numbered from 1, days of week from 0 (Sunday).
                return names == MONTHS ? i + 1 : i;
            }
        }
        throw new IllegalArgumentException("unknown value '" + text + "'");
    }

    /** The cron text, normalised (single spaces). */
    public String cron() {
        return String.join(" ", minute, hour, dayOfMonth, month, dayOfWeek);
    }

    /**
     * What a job's timer carries as its info. A persistent timer whose info differs from the configured one was
     * created from an older configuration and is replaced at start.
     */
    public String timerInfo(String job) {
        return "pdeck-job " + job + " [" + cron() + "] " + timeZone;
    }

    /** The job a timer belongs to, from its {@link #timerInfo(String)}, or {@code null} for another timer. */
    static String jobOf(Object timerInfo) {
        if (timerInfo instanceof String info && info.startsWith("pdeck-job ")) {
            int end = info.indexOf(' ', "pdeck-job ".length());
            return end < 0 ? null : info.substring("pdeck-job ".length(), end);
        }
        return null;
    }

    private static void check(String field, String text, int min, int max, String[] names) {
        for (String item : text.split(",", -1)) {
            if (!validItem(item, min, max, names)) {
                throw new IllegalArgumentException("schedule field " + field + " '" + text + "' is invalid; use *, "
                        + "a value (" + min + "-" + max + "), a range a-b, an increment */n or a/n, or a list");
            }
        }
    }

    private static boolean validItem(String item, int min, int max, String[] names) {
        if (item.equals("*")) {
            return true;
        }
        int slash = item.indexOf('/');
        if (slash >= 0) {
            String start = item.substring(0, slash);
            String step = item.substring(slash + 1);
            return (start.equals("*") || validValue(start, min, max, names))
                    && NUMBER.matcher(step).matches() && Integer.parseInt(step) > 0;
        }
        int dash = item.indexOf('-');
        if (dash > 0) {
            return validValue(item.substring(0, dash), min, max, names)
                    && validValue(item.substring(dash + 1), min, max, names);
        }
        return validValue(item, min, max, names);
    }

    private static boolean validValue(String value, int min, int max, String[] names) {
        if (NUMBER.matcher(value).matches()) {
            int n = Integer.parseInt(value);
            return n >= min && n <= max;
        }
        if (names != null) {
            String lower = value.toLowerCase(Locale.ROOT);
            for (String name : names) {
                if (name.equals(lower)) {
                    return true;
                }
            }
        }
        return false;
    }
}
