package io.gridai.replay.report;

import io.gridai.model.id.ZoneId;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The forecast error of one model (label and {@code modelVersion}) for one zone and horizon over a replay window, in
 * MW, generator sign (as {@link io.gridai.model.ZoneLoad} and {@link io.gridai.model.Forecast}). A value that cannot
 * be computed (no matched step, no level 0.1/0.9, every actual near zero for MAPE) is {@link Double#NaN}.
 *
 * @param zone the zone
 * @param horizon day-ahead or intraday
 * @param model the label the caller gave the forecasts (e.g. {@code candidate}, {@code production})
 * @param modelVersion the forecasts' {@link io.gridai.model.Forecast#modelVersion()}
 * @param forecasts how many forecasts had at least one step inside the window
 * @param n how many steps inside the window were matched with an actual (the sample the errors are over)
 * @param skippedNoActual steps inside the window left out because the input had no actual window of the step's
 *     length at the step's interval (e.g. 5 min steps when only hourly actuals were given)
 * @param pointLevel the quantile level the point errors are on: 0.5, or the level nearest it when a forecast has no
 *     0.5 ({@code NaN} when the forecasts of this row use different ones)
 * @param maeMw mean |point − actual|
 * @param rmseMw sqrt(mean (point − actual)²)
 * @param mapePct 100 · mean |point − actual| / |actual| over the steps with |actual| ≥ 1e-6
 * @param mapeN how many steps the MAPE is over
 * @param biasMw mean (point − actual): positive when the forecast was higher in generator sign (less consumption)
 * @param pinballMw level → mean pinball loss at that level, over the matched steps whose forecast has it
 * @param coverageP10P90Pct share (%) of matched steps with P10 ≤ actual ≤ P90, {@code NaN} without both levels
 */
public record ForecastMetrics(
        ZoneId zone,
        Horizon horizon,
        String model,
        String modelVersion,
        int forecasts,
        int n,
        int skippedNoActual,
        double pointLevel,
        double maeMw,
        double rmseMw,
        double mapePct,
        int mapeN,
        double biasMw,
        SortedMap<Double, Double> pinballMw,
        double coverageP10P90Pct) {

    public ForecastMetrics {
        pinballMw = Collections.unmodifiableSortedMap(new TreeMap<>(pinballMw));
    }

    /** The mean pinball loss at {@code level} (within 1e-9), {@code NaN} when this row has no such level. */
    public double pinball(double level) {
        for (Map.Entry<Double, Double> e : pinballMw.entrySet()) {
            if (Math.abs(e.getKey() - level) <= 1e-9) {
                return e.getValue();
            }
        }
        return Double.NaN;
    }
}
