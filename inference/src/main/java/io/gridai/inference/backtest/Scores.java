package io.gridai.inference.backtest;

import java.util.List;

/**
 * Backtest scores over the hours with a known actual load: MAPE (%) and RMSE (MW) of the P50, mean pinball loss
 * (MW) over the quantiles, share of actuals inside P10–P90, and the MAPE of the seasonal-naive forecast (the same
 * hour one week earlier) and of a reference forecast over the hours where those exist.
 */
record Scores(double mape, double rmse, double pinball, double coverage, int count, double baselineMape,
        int baselineCount, double referenceMape, int referenceCount) {

    static Scores of(List<BacktestRow> rows, List<Double> levels) {
        double ape = 0;
        double se = 0;
        double pinball = 0;
        int covered = 0;
        int n = 0;
        double naiveApe = 0;
        int naiveN = 0;
        double refApe = 0;
        int refN = 0;
        for (BacktestRow r : rows) {
            if (Double.isNaN(r.actual()) || r.actual() == 0) {
                continue;
            }
            double a = r.actual();
            n++;
            ape += Math.abs(r.p50() - a) / Math.abs(a);
            se += (r.p50() - a) * (r.p50() - a);
            double[] q = {r.p10(), r.p50(), r.p90()};
            for (int j = 0; j < q.length; j++) {
                double tau = levels.get(j);
                double diff = a - q[j];
                pinball += Math.max(tau * diff, (tau - 1) * diff);
            }
            if (a >= r.p10() && a <= r.p90()) {
                covered++;
            }
            if (!Double.isNaN(r.naive())) {
                naiveApe += Math.abs(r.naive() - a) / Math.abs(a);
                naiveN++;
            }
            if (!Double.isNaN(r.reference())) {
                refApe += Math.abs(r.reference() - a) / Math.abs(a);
                refN++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no test hour has a known load; check --test-from/--test-until"
                    + " against the data's range");
        }
        return new Scores(100 * ape / n, Math.sqrt(se / n), pinball / (n * levels.size()), covered / (double) n, n,
                naiveN == 0 ? Double.NaN : 100 * naiveApe / naiveN, naiveN,
                refN == 0 ? Double.NaN : 100 * refApe / refN, refN);
    }
}
