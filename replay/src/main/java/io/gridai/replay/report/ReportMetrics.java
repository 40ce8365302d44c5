package io.gridai.replay.report;

import io.gridai.model.id.AssetId;
import io.gridai.model.id.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The numbers of a replay report, without its files.
 *
 * @param forecasts one row per zone × horizon × model (label and version), ordered by zone, horizon, model
 * @param forecastNotes what the forecast section says besides the table: a model with no forecasts, steps skipped
 *     for want of an actual, a point level other than 0.5, forecasts of another kind left out
 * @param dispatch one row per asset, ordered by asset id
 * @param dispatchCompared whether there was anything to compare: both shadow and actual {@code ACTIVE_POWER}
 *     setpoints inside the window
 * @param dispatchNotes what the dispatch section says besides the table; when {@code dispatchCompared} is false, the
 *     first note says plainly that there is nothing to compare and why
 */
public record ReportMetrics(
        List<ForecastMetrics> forecasts,
        List<String> forecastNotes,
        List<DispatchRow> dispatch,
        boolean dispatchCompared,
        List<String> dispatchNotes) {

    public ReportMetrics {
        forecasts = List.copyOf(forecasts);
        forecastNotes = List.copyOf(forecastNotes);
        dispatch = List.copyOf(dispatch);
        dispatchNotes = List.copyOf(dispatchNotes);
    }

    /** The rows of one zone, horizon and model label (one per model version; usually one). */
    public List<ForecastMetrics> forecasts(ZoneId zone, Horizon horizon, String model) {
        return forecasts.stream()
                .filter(m -> m.zone().equals(zone) && m.horizon() == horizon && m.model().equals(model))
                .toList();
    }

    /** The only row of one zone, horizon and model label, empty when there is none; throws when there are several. */
    public Optional<ForecastMetrics> forecast(ZoneId zone, Horizon horizon, String model) {
        List<ForecastMetrics> rows = forecasts(zone, horizon, model);
        if (rows.size() > 1) {
            throw new IllegalStateException(rows.size() + " model versions of '" + model + "' for " + zone + " "
                    + horizon + "; use forecasts(zone, horizon, model)");
        }
        return rows.stream().findFirst();
    }

    /** The dispatch row of {@code asset}, empty when neither side had a setpoint for it in the window. */
    public Optional<DispatchRow> dispatch(AssetId asset) {
        return dispatch.stream().filter(r -> r.asset().equals(asset)).findFirst();
    }
}
