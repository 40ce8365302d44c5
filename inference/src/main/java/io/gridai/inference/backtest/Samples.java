package io.gridai.inference.backtest;

import io.gridai.inference.features.DayAhead;
import io.gridai.inference.features.FeatureBuilder;
import io.gridai.inference.series.HourlySeries;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Day-ahead feature rows for a list of local days: one row per target hour, with its issue time and label. */
record Samples(float[] x, float[] y, int rows, List<Instant> issues, List<Instant> targets) {

    /**
     * @param labelledOnly keep only hours whose load is known (training); otherwise every hour (test)
     */
    static Samples of(List<LocalDate> days, DayAhead schedule, FeatureBuilder features, HourlySeries load,
            HourlySeries temperature, boolean labelledOnly) {
        int width = features.size();
        float[] x = new float[days.size() * 25 * width];
        float[] y = new float[days.size() * 25];
        List<Instant> issues = new ArrayList<>();
        List<Instant> targets = new ArrayList<>();
        int rows = 0;
        for (LocalDate day : days) {
            Instant issue = schedule.issueFor(day);
            for (Instant target : schedule.targets(day)) {
                double actual = load.at(target);
                if (labelledOnly && Double.isNaN(actual)) {
                    continue;
                }
                features.fill(load, temperature, issue, target, x, rows * width);
                y[rows] = (float) actual;
                issues.add(issue);
                targets.add(target);
                rows++;
            }
        }
        return new Samples(Arrays.copyOf(x, rows * width), Arrays.copyOf(y, rows), rows, issues, targets);
    }
}
