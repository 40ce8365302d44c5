package io.gridai.inference.features;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The day-ahead schedule: a forecast for every hour of local day {@code D}, issued on day {@code D − 1} at a fixed
 * local time (10:00 by default, when European day-ahead bids close). Local days have 23, 24 or 25 hours around
 * daylight-saving changes; the targets follow the real hours.
 */
public record DayAhead(ZoneId zone, LocalTime issueTime) {

    public static final LocalTime DEFAULT_ISSUE_TIME = LocalTime.of(10, 0);

    /** When the forecast for {@code day} is issued. */
    public Instant issueFor(LocalDate day) {
        return day.minusDays(1).atTime(issueTime).atZone(zone).toInstant();
    }

    /** The start of every hour of local {@code day}, in order (UTC instants, so DST days have 23 or 25). */
    public List<Instant> targets(LocalDate day) {
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<Instant> hours = new ArrayList<>(25);
        for (Instant h = start; h.isBefore(end); h = h.plusSeconds(3600)) {
            hours.add(h);
        }
        return hours;
    }

    /** The local day a day-ahead forecast issued at {@code issue} is for, if {@code issue} is an issue time. */
    public LocalDate dayIssuedAt(Instant issue) {
        return issue.atZone(zone).toLocalDate().plusDays(1);
    }
}
