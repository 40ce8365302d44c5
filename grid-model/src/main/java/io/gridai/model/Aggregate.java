package io.gridai.model;

import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import java.time.Duration;
import java.time.Instant;

/**
 * Summary of the good readings of one kind over one tumbling event-time window
 * {@code [windowStart, windowStart + window)}, for one asset, substation or zone ({@code scope}, {@code subject}
 * = the asset, substation or zone id).
 *
 * <p>{@code min}, {@code mean}, {@code max} and {@code last} are in {@code kind.unit()}; {@code last} is the
 * reading with the latest event time ({@code lastTime}). {@code count} counts distinct readings (duplicates are
 * removed before windows). For a substation or zone the statistics are over the readings of all its assets
 * (e.g. the lowest bus voltage in the zone), not sums.
 */
public record Aggregate(
        AggregateScope scope,
        String subject,
        MeasurementKind kind,
        Instant windowStart,
        Duration window,
        long count,
        double min,
        double mean,
        double max,
        double last,
        Instant lastTime) {

    public Aggregate {
        Require.present(scope, "Aggregate.scope");
        Require.text(subject, "Aggregate.subject");
        Require.present(kind, "Aggregate.kind");
        Require.present(windowStart, "Aggregate.windowStart");
        Require.present(window, "Aggregate.window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("Aggregate.window must be positive but was " + window
                    + "; give the tumbling window length, e.g. Duration.ofMinutes(1)");
        }
        if (count < 1) {
            throw new IllegalArgumentException("Aggregate.count must be at least 1 but was " + count
                    + "; an empty window has no aggregate");
        }
        Require.finite(min, "Aggregate.min");
        Require.finite(mean, "Aggregate.mean");
        Require.finite(max, "Aggregate.max");
        Require.finite(last, "Aggregate.last");
        if (min > max) {
            throw new IllegalArgumentException("Aggregate.min " + min + " is above Aggregate.max " + max);
        }
        Require.present(lastTime, "Aggregate.lastTime");
    }

    /** The end of the window (exclusive): {@code windowStart + window}. */
    public Instant windowEnd() {
        return windowStart.plus(window);
    }

    /** The unit every statistic is in: {@code kind().unit()}. */
    public Unit unit() {
        return kind.unit();
    }
}
