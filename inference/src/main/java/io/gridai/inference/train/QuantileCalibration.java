package io.gridai.inference.train;

import java.util.Arrays;
import java.util.List;

/**
 * Conformalised quantile regression (Romano et al., 2019), one additive shift per quantile: quantile trees scored on
 * the rows they were trained on are over-confident (their P10–P90 band is too narrow out of sample), so the shift of
 * quantile {@code q} is the empirical {@code q}-quantile of {@code actual − predicted q} on held-out rows that the
 * trees never saw. Adding it makes the share of held-out actuals below the quantile {@code q}. The median is left
 * as trained ({@link #MEDIAN_SHIFTED} is false): it is the point forecast, chosen by its own loss, and a shift measured
 * on a few months of validation would carry their bias into every season.
 *
 * @param quantiles        the levels, in output order
 * @param shifts           MW added to each output, in output order; 0 for the median
 * @param coverageBefore   share of held-out actuals inside the outermost quantiles before the shifts
 * @param coverageAfter    the same after the shifts (close to {@code last − first} quantile by construction)
 * @param rows             held-out rows the shifts were measured on
 */
public record QuantileCalibration(List<Double> quantiles, float[] shifts, double coverageBefore,
        double coverageAfter, int rows) {

    /** Whether the 0.5 quantile is shifted too. */
    public static final boolean MEDIAN_SHIFTED = false;

    /** Prefix of the per-quantile metadata metric, e.g. {@code calibration_shift_q0.1}. */
    public static final String SHIFT_METRIC_PREFIX = "calibration_shift_q";

    /**
     * Measures the shifts.
     *
     * @param predictions {@code rows × quantiles.size()} held-out predictions, row-major, as the model gives them
     * @param actual      the held-out targets, finite
     */
    public static QuantileCalibration measure(float[] predictions, float[] actual, int rows, List<Double> quantiles) {
        int q = quantiles.size();
        if (rows < 1 || predictions.length != (long) rows * q || actual.length < rows) {
            throw new IllegalArgumentException("calibration needs rows × " + q + " predictions and one actual per row;"
                    + " got " + rows + " rows, " + predictions.length + " predictions, " + actual.length + " actuals");
        }
        float[] shifts = new float[q];
        double[] residuals = new double[rows];
        for (int j = 0; j < q; j++) {
            double level = quantiles.get(j);
            if (level == 0.5 && !MEDIAN_SHIFTED) {
                continue;
            }
            for (int r = 0; r < rows; r++) {
                residuals[r] = actual[r] - predictions[r * q + j];
            }
            Arrays.sort(residuals);
            shifts[j] = (float) empiricalQuantile(residuals, level);
        }
        return new QuantileCalibration(quantiles, shifts, coverage(predictions, actual, rows, q, new float[q]),
                coverage(predictions, actual, rows, q, shifts), rows);
    }

    /** No shifts (a model without held-out rows). */
    public static QuantileCalibration none(List<Double> quantiles) {
        return new QuantileCalibration(quantiles, new float[quantiles.size()], Double.NaN, Double.NaN, 0);
    }

    /** The metadata metric naming the shift of {@code quantile}, e.g. {@code calibration_shift_q0.1}. */
    public static String shiftMetric(double quantile) {
        return SHIFT_METRIC_PREFIX + quantile;
    }

    public QuantileCalibration {
        quantiles = List.copyOf(quantiles);
        shifts = shifts.clone();
        if (shifts.length != quantiles.size()) {
            throw new IllegalArgumentException(shifts.length + " shifts for " + quantiles.size() + " quantiles");
        }
    }

    @Override
    public float[] shifts() {
        return shifts.clone();
    }

    /**
     * The conformal quantile of sorted residuals: the {@code ⌈(n+1)·level⌉}-th smallest for levels above one half
     * (the finite-sample correction widens the band), the {@code ⌊(n+1)·level⌋}-th for levels below, clamped to the
     * sample.
     */
    static double empiricalQuantile(double[] sorted, double level) {
        int n = sorted.length;
        double rank = (n + 1) * level;
        int k = level > 0.5 ? (int) Math.ceil(rank) : (int) Math.floor(rank);
        return sorted[Math.min(n, Math.max(1, k)) - 1];
    }

    private static double coverage(float[] predictions, float[] actual, int rows, int q, float[] shifts) {
        int inside = 0;
        for (int r = 0; r < rows; r++) {
            float low = predictions[r * q] + shifts[0];
            float high = predictions[r * q + q - 1] + shifts[q - 1];
            if (actual[r] >= Math.min(low, high) && actual[r] <= Math.max(low, high)) {
                inside++;
            }
        }
        return inside / (double) rows;
    }
}
