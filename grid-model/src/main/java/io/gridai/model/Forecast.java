package io.gridai.model;

import io.gridai.model.id.ZoneId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A probabilistic forecast of one quantity for one zone, as quantiles over a regular horizon.
 *
 * <p>Values are in {@code kind.unit()} with the generator sign convention of {@link MeasurementKind}.
 * {@code quantileLevels} are strictly increasing in (0, 1). {@code issueTime} is the start of the horizon: step
 * {@code i} is the interval ending at {@code validTime = issueTime + (i + 1) * step}; steps are numbered 0, 1, 2, …
 * without gaps and each step holds exactly one value per level. {@code madeAt} is when the model made it, from the
 * data known then: the issue time itself for an intraday forecast, the day before for a day-ahead one (made at
 * 10:00 for the next local day, whose horizon starts at local midnight).
 */
public record Forecast(
        ZoneId zone,
        MeasurementKind kind,
        Instant issueTime,
        Duration step,
        List<Double> quantileLevels,
        List<ForecastStep> steps,
        String modelVersion,
        Instant madeAt) {

    /** Two levels closer than this are the same level when looked up by {@link #quantile}. */
    public static final double LEVEL_TOLERANCE = 1e-9;

    public Forecast {
        Require.present(zone, "Forecast.zone");
        Require.present(kind, "Forecast.kind");
        Require.present(issueTime, "Forecast.issueTime");
        Require.present(step, "Forecast.step");
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("Forecast.step must be positive but was " + step
                    + "; give the horizon resolution, e.g. Duration.ofMinutes(15)");
        }
        quantileLevels = List.copyOf(Require.noNulls(quantileLevels, "Forecast.quantileLevels"));
        checkLevels(quantileLevels);
        steps = List.copyOf(Require.noNulls(steps, "Forecast.steps"));
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("Forecast.steps is empty; a forecast needs at least one step");
        }
        for (int i = 0; i < steps.size(); i++) {
            checkStep(steps.get(i), i, issueTime, step, quantileLevels.size());
        }
        Require.text(modelVersion, "Forecast.modelVersion");
        Require.present(madeAt, "Forecast.madeAt");
        if (madeAt.isAfter(issueTime)) {
            throw new IllegalArgumentException("Forecast.madeAt " + madeAt + " is after its horizon start issueTime "
                    + issueTime + "; a forecast is made at or before the start of what it forecasts");
        }
    }

    /** A forecast made at its issue time (intraday: made for the horizon starting now). */
    public Forecast(ZoneId zone, MeasurementKind kind, Instant issueTime, Duration step, List<Double> quantileLevels,
            List<ForecastStep> steps, String modelVersion) {
        this(zone, kind, issueTime, step, quantileLevels, steps, modelVersion, issueTime);
    }

    /**
     * Builds the steps from a value matrix: {@code values.get(i)} holds step {@code i}'s quantiles, and its
     * valid time is {@code issueTime + (i + 1) * step}.
     */
    public static Forecast of(ZoneId zone, MeasurementKind kind, Instant issueTime, Duration step,
            List<Double> quantileLevels, List<List<Double>> values, String modelVersion) {
        return of(zone, kind, issueTime, step, quantileLevels, values, modelVersion, issueTime);
    }

    /** As {@link #of(ZoneId, MeasurementKind, Instant, Duration, List, List, String)}, made at {@code madeAt}. */
    public static Forecast of(ZoneId zone, MeasurementKind kind, Instant issueTime, Duration step,
            List<Double> quantileLevels, List<List<Double>> values, String modelVersion, Instant madeAt) {
        Require.present(issueTime, "Forecast.issueTime");
        Require.present(step, "Forecast.step");
        List<ForecastStep> steps = new ArrayList<>(Require.noNulls(values, "Forecast values").size());
        for (int i = 0; i < values.size(); i++) {
            steps.add(new ForecastStep(i, validTime(issueTime, step, i), values.get(i)));
        }
        return new Forecast(zone, kind, issueTime, step, quantileLevels, steps, modelVersion, madeAt);
    }

    /** The unit every value is in: {@code kind().unit()}. */
    public Unit unit() {
        return kind.unit();
    }

    /** The end of the last step minus the issue time. */
    public Duration horizon() {
        return step.multipliedBy(steps.size());
    }

    /**
     * The value of step {@code stepIndex} at quantile {@code level}, which must be one of the forecast's
     * levels (within {@link #LEVEL_TOLERANCE}).
     */
    public double quantile(int stepIndex, double level) {
        if (stepIndex < 0 || stepIndex >= steps.size()) {
            throw new IllegalArgumentException("step " + stepIndex + " is outside this forecast's steps 0.."
                    + (steps.size() - 1));
        }
        for (int j = 0; j < quantileLevels.size(); j++) {
            if (Math.abs(quantileLevels.get(j) - level) <= LEVEL_TOLERANCE) {
                return steps.get(stepIndex).values().get(j);
            }
        }
        throw new IllegalArgumentException("quantile level " + level + " is not in this forecast; it has "
                + quantileLevels);
    }

    /** The median of step {@code stepIndex}; the forecast must have the 0.5 level. */
    public double p50(int stepIndex) {
        return quantile(stepIndex, 0.5);
    }

    private static Instant validTime(Instant issueTime, Duration step, int index) {
        // seconds and nanos by hand: Duration.multipliedBy goes through BigDecimal, hot in the forecast operator
        long n = index + 1L;
        return issueTime.plusSeconds(Math.multiplyExact(step.getSeconds(), n)).plusNanos(step.getNano() * n);
    }

    private static void checkLevels(List<Double> levels) {
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("Forecast.quantileLevels is empty; give e.g. [0.1, 0.5, 0.9]");
        }
        for (int j = 0; j < levels.size(); j++) {
            double level = levels.get(j);
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("quantile level " + level
                        + " is outside (0, 1); use e.g. 0.1 for P10");
            }
            if (j > 0 && level <= levels.get(j - 1)) {
                throw new IllegalArgumentException("Forecast.quantileLevels must be strictly increasing but were "
                        + levels + "; sort them and drop duplicates");
            }
        }
    }

    private static void checkStep(ForecastStep step, int i, Instant issueTime, Duration resolution, int levels) {
        if (step.index() != i) {
            throw new IllegalArgumentException("Forecast step at position " + i + " has index " + step.index()
                    + "; steps must be numbered 0, 1, 2, … in order without gaps");
        }
        Instant expected = validTime(issueTime, resolution, i);
        if (!step.validTime().equals(expected)) {
            throw new IllegalArgumentException("Forecast step " + i + " is valid at " + step.validTime()
                    + " but must be valid at issueTime + (i + 1) * step = " + expected);
        }
        if (step.values().size() != levels) {
            throw new IllegalArgumentException("Forecast step " + i + " has " + step.values().size()
                    + " values but the forecast has " + levels + " quantile levels; give one value per level");
        }
    }
}
