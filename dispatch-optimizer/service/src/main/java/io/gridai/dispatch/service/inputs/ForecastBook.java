package io.gridai.dispatch.service.inputs;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.gridai.model.Forecast;
import io.gridai.model.id.ZoneId;
import io.gridai.model.unit.MeasurementKind;

/**
 * The latest zone load forecast of each zone: the one with the latest issue time (a late, older forecast does not
 * replace a newer one; a re-issue with the same issue time does). Thread-safe.
 *
 * <p>Zone load forecasts are ACTIVE_POWER in generator sign (load negative), as inference's ForecastOperator
 * publishes them; the demand quantile q is their level 1 - q, negated.
 */
public final class ForecastBook {

    private final Map<ZoneId, Forecast> latest = new ConcurrentHashMap<>();
    private final double publishedLevel;

    /** @param demandQuantile consumption quantile to plan for (0.5 = P50) */
    public ForecastBook(double demandQuantile) {
        if (!(demandQuantile > 0 && demandQuantile < 1)) {
            throw new IllegalArgumentException("gridai.dispatch.inputs.demand-quantile must be in (0, 1), got " + demandQuantile);
        }
        this.publishedLevel = 1 - demandQuantile;
    }

    /** The forecast level that holds the planned demand (negated): {@code 1 - demandQuantile}. */
    public double publishedLevel() {
        return publishedLevel;
    }

    /**
     * Takes a forecast of a zone the grid has, or says why not.
     *
     * @return empty when taken (or older than the one held, which is not an error), else the reason it is refused
     */
    public Optional<String> offer(Forecast f) {
        if (f.kind() != MeasurementKind.ACTIVE_POWER) {
            return Optional.of("forecast of zone " + f.zone() + " is " + f.kind() + "; zone load forecasts are ACTIVE_POWER");
        }
        boolean hasLevel = f.quantileLevels().stream().anyMatch(l -> Math.abs(l - publishedLevel) <= Forecast.LEVEL_TOLERANCE);
        if (!hasLevel) {
            return Optional.of("forecast of zone " + f.zone() + " (model " + f.modelVersion() + ") has levels " + f.quantileLevels()
                    + ", not the level " + publishedLevel + " the configured demand quantile needs; publish it or change"
                    + " gridai.dispatch.inputs.demand-quantile");
        }
        for (int s = 0; s < f.steps().size(); s++) {
            if (f.quantile(s, publishedLevel) > 0) {
                return Optional.of("forecast of zone " + f.zone() + " (model " + f.modelVersion() + ") step " + s + " is +"
                        + f.quantile(s, publishedLevel) + " MW; zone load is forecast in generator sign (negative for load),"
                        + " so this looks like a generation forecast and is ignored");
            }
        }
        latest.merge(f.zone(), f, (old, neu) -> neu.issueTime().isBefore(old.issueTime()) ? old : neu);
        return Optional.empty();
    }

    /** The forecasts held now, by zone. */
    public Map<ZoneId, Forecast> snapshot() {
        return Map.copyOf(latest);
    }
}
