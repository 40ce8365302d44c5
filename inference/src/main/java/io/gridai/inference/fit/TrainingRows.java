package io.gridai.inference.fit;

import io.gridai.inference.features.DayAhead;
import io.gridai.inference.features.FeatureBuilder;
import io.gridai.inference.series.HourlySeries;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Feature rows for forecasts as they would have been made: one row per (issue time, target hour), with the load of
 * the target hour as the label. Day-ahead rows follow {@link DayAhead}; intraday rows are issued on the hour for the
 * next hours.
 *
 * @param x       {@code rows × features} floats, row-major
 * @param y       the target hour's load (NaN when unknown, test rows only)
 * @param issues  each row's issue time
 * @param targets each row's target hour (start)
 */
public record TrainingRows(float[] x, float[] y, int rows, List<Instant> issues, List<Instant> targets) {

    /**
     * Day-ahead rows for each local day of {@code days}.
     *
     * @param labelledOnly keep only hours whose load is known (training); otherwise every hour (tests, live)
     */
    public static TrainingRows dayAhead(List<LocalDate> days, DayAhead schedule, FeatureBuilder features,
            HourlySeries load, HourlySeries temperature, boolean labelledOnly) {
        Builder b = new Builder(features, days.size() * 25);
        for (LocalDate day : days) {
            Instant issue = schedule.issueFor(day);
            for (Instant target : schedule.targets(day)) {
                b.add(issue, target, load, temperature, labelledOnly);
            }
        }
        return b.build();
    }

    /**
     * Intraday rows: issued at {@code issues} (whole hours), one row for each of the next {@code hours} hours.
     */
    public static TrainingRows intraday(List<Instant> issues, int hours, FeatureBuilder features, HourlySeries load,
            HourlySeries temperature, boolean labelledOnly) {
        Builder b = new Builder(features, issues.size() * hours);
        for (Instant issue : issues) {
            for (int h = 0; h < hours; h++) {
                b.add(issue, issue.plusSeconds(3600L * h), load, temperature, labelledOnly);
            }
        }
        return b.build();
    }

    private static final class Builder {
        private final FeatureBuilder features;
        private float[] x;
        private float[] y;
        private final List<Instant> issues = new ArrayList<>();
        private final List<Instant> targets = new ArrayList<>();
        private int rows;

        Builder(FeatureBuilder features, int capacity) {
            this.features = features;
            this.x = new float[Math.max(1, capacity) * features.size()];
            this.y = new float[Math.max(1, capacity)];
        }

        void add(Instant issue, Instant target, HourlySeries load, HourlySeries temperature, boolean labelledOnly) {
            double actual = load.at(target);
            if (labelledOnly && Double.isNaN(actual)) {
                return;
            }
            if (rows == y.length) {
                y = Arrays.copyOf(y, rows * 2);
                x = Arrays.copyOf(x, rows * 2 * features.size());
            }
            features.fill(load, temperature, issue, target, x, rows * features.size());
            y[rows] = (float) actual;
            issues.add(issue);
            targets.add(target);
            rows++;
        }

        TrainingRows build() {
            return new TrainingRows(Arrays.copyOf(x, rows * features.size()), Arrays.copyOf(y, rows), rows,
                    List.copyOf(issues), List.copyOf(targets));
        }
    }
}
