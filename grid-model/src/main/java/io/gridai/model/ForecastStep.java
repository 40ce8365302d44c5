package io.gridai.model;

import java.time.Instant;
import java.util.List;

/**
 * The quantiles of one forecast step: {@code values.get(j)} is the quantile at the forecast's
 * {@code quantileLevels().get(j)}, in the forecast kind's canonical unit. Values never decrease from one
 * level to the next (no quantile crossing). {@code index} counts from 0.
 */
public record ForecastStep(int index, Instant validTime, List<Double> values) {

    public ForecastStep {
        if (index < 0) {
            throw new IllegalArgumentException("ForecastStep.index must be >= 0 but was " + index
                    + "; number steps 0, 1, 2, … from the issue time");
        }
        Require.present(validTime, "ForecastStep.validTime");
        values = List.copyOf(Require.noNulls(values, "ForecastStep.values"));
        if (values.isEmpty()) {
            throw new IllegalArgumentException("ForecastStep " + index + " has no values; give one per quantile level");
        }
        for (int j = 0; j < values.size(); j++) {
            Require.finite(values.get(j), "ForecastStep " + index + " value " + j);
            if (j > 0 && values.get(j) < values.get(j - 1)) {
                throw new IllegalArgumentException("ForecastStep " + index + " has crossing quantiles: value " + j
                        + " (" + values.get(j) + ") is below value " + (j - 1) + " (" + values.get(j - 1)
                        + "); sort the quantiles of each step (e.g. rearrange) before publishing");
            }
        }
    }
}
