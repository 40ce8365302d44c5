package io.gridai.inference.flink;

import io.gridai.inference.features.DayAhead;
import io.gridai.inference.flink.LoadFixtures.Zone;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

/**
 * The forecasts the operator must issue for gap-free hourly data over {@code [start, end)} with the default settings
 * (day-ahead at 10:00, intraday every hour, 24 hours of history needed), worked out independently of it.
 */
final class ExpectedIssues {

    private static final Duration MIN_HISTORY = Duration.ofHours(ForecastSettings.DEFAULT_MIN_HISTORY_HOURS);

    private ExpectedIssues() {
    }

    /**
     * Issue times (local midnight of the target day) of the day-ahead forecasts: those whose 10:00 decision instant
     * the day before lies within the data and at least a day after its start.
     */
    static Set<Instant> dayAhead(Zone zone, Instant start, Instant end) {
        DayAhead schedule = new DayAhead(zone.timeZone(), ForecastSettings.DEFAULT_DAY_AHEAD_ISSUE_TIME);
        Set<Instant> days = new TreeSet<>();
        LocalDate last = end.atZone(zone.timeZone()).toLocalDate().plusDays(2);
        for (LocalDate day = start.atZone(zone.timeZone()).toLocalDate(); day.isBefore(last); day = day.plusDays(1)) {
            Instant issue = schedule.issueFor(day);
            if (!issue.isBefore(start.plus(MIN_HISTORY)) && !issue.isAfter(end)) {
                days.add(day.atStartOfDay(zone.timeZone()).toInstant());
            }
        }
        return days;
    }

    /** Issue times of the intraday forecasts: every whole hour from a day after the start to the end. */
    static Set<Instant> intraday(Instant start, Instant end) {
        Set<Instant> times = new TreeSet<>();
        for (Instant t = start.plus(MIN_HISTORY); !t.isAfter(end); t = t.plus(Duration.ofHours(1))) {
            times.add(t);
        }
        return times;
    }
}
