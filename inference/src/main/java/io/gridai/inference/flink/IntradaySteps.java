package io.gridai.inference.flink;

/**
 * Five-minute steps from hourly intraday predictions. The intraday model predicts hourly mean load; the published
 * forecast has 5-minute steps, so each step is <b>interpolated</b>: the hourly values sit at their hours' midpoints,
 * a step takes the straight line between the two neighbouring midpoints at its own midpoint, and steps before the
 * first midpoint or after the last one take the nearest hour's value. The steps therefore carry no information the
 * hourly model did not have; where the curve bends, the mean of an hour's twelve steps differs slightly from the
 * hourly prediction. Quantiles are interpolated level by level with the same weights, so sorted hourly quantiles
 * give sorted (never crossing) 5-minute quantiles; they are not the quantiles of the interpolated process.
 */
final class IntradaySteps {

    /** Five-minute steps per hour. */
    static final int PER_HOUR = 12;

    private IntradaySteps() {
    }

    /**
     * @param hourly    {@code hours × levels} values, row-major, each row sorted
     * @param hours     rows in {@code hourly}
     * @param levels    values per row
     * @return {@code hours * 12 × levels} values, row-major
     */
    static double[] interpolate(double[] hourly, int hours, int levels) {
        double[] out = new double[hours * PER_HOUR * levels];
        for (int s = 0; s < hours * PER_HOUR; s++) {
            // Step s covers minutes [5s, 5s + 5) after the issue; its midpoint in hours, relative to hour midpoints.
            double x = (5.0 * s + 2.5) / 60.0 - 0.5;
            int left = (int) Math.floor(x);
            double w;
            if (left < 0) {
                left = 0;
                w = 0;
            } else if (left >= hours - 1) {
                left = hours - 1;
                w = 0;
            } else {
                w = x - left;
            }
            int right = Math.min(left + 1, hours - 1);
            for (int j = 0; j < levels; j++) {
                out[s * levels + j] = (1 - w) * hourly[left * levels + j] + w * hourly[right * levels + j];
            }
        }
        return out;
    }
}
