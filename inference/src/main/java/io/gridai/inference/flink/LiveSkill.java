package io.gridai.inference.flink;

/**
 * The live skill of one zone's forecasts of one horizon by one model role (active or shadow): the mean absolute
 * percentage error of the median and the mean pinball loss over the quantile levels, averaged over the last
 * {@code window} forecast hours whose actual load arrived. Intraday forecasts count once per lead (a target hour is
 * forecast by every intraday issue that covers it), scored on their hourly values. Single-threaded (one operator
 * subtask); Flink gauges read the means.
 */
final class LiveSkill {

    private final double[] ape;
    private final double[] pinball;
    private int next;
    private int size;
    private long evaluated;

    LiveSkill(int window) {
        this.ape = new double[window];
        this.pinball = new double[window];
    }

    /**
     * Scores one forecast hour.
     *
     * @param actual    the hour's consumption, MW
     * @param levels    the quantile levels, increasing
     * @param quantiles the consumption quantiles at those levels, MW
     */
    void add(double actual, float[] levels, float[] quantiles) {
        int median = 0;
        for (int j = 1; j < levels.length; j++) {
            if (Math.abs(levels[j] - 0.5) < Math.abs(levels[median] - 0.5)) {
                median = j;
            }
        }
        double loss = 0;
        for (int j = 0; j < levels.length; j++) {
            double error = actual - quantiles[j];
            loss += Math.max(levels[j] * error, (levels[j] - 1) * error);
        }
        ape[next] = actual == 0 ? Double.NaN : 100 * Math.abs(actual - quantiles[median]) / Math.abs(actual);
        pinball[next] = loss / levels.length;
        next = (next + 1) % ape.length;
        size = Math.min(size + 1, ape.length);
        evaluated++;
    }

    /** Mean absolute percentage error of the median, %; NaN before the first actual. */
    double mape() {
        return mean(ape);
    }

    /** Mean pinball loss over levels and hours, MW; NaN before the first actual. */
    double pinball() {
        return mean(pinball);
    }

    /** Forecast hours scored since the job started. */
    long evaluated() {
        return evaluated;
    }

    private double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (!Double.isNaN(values[i])) {
                sum += values[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
