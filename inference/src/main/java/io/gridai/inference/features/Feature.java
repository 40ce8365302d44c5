package io.gridai.inference.features;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The features a load-forecast model can take, each computed for a forecast issued at {@code issue} for the hour
 * starting at {@code target}, from what is known at {@code issue} (an hour's load is known once the hour is over).
 * Weather features read the weather series at or around the target hour (observed weather stands in for a
 * weather forecast in backtests; live, a forecast series is given). Names are the lower-case enum names; models
 * list them in their metadata.
 */
public enum Feature {
    /** Local hour of day of the target, 0–23, DST-correct. */
    HOUR,
    /** Local day of week of the target, 1 (Monday) – 7. */
    WEEKDAY,
    /** 1 when the target's local date is a public holiday of the model's country. */
    HOLIDAY,
    /** 1 when the day before or after the target's local date is a public holiday (bridge days). */
    HOLIDAY_ADJACENT,
    /** Position in the year of the target's local date, as sine and cosine. */
    DAY_OF_YEAR_SIN,
    DAY_OF_YEAR_COS,
    /** Hours from the issue time to the start of the target hour. */
    LEAD_HOURS,
    /** Load of the same hour on the most recent day whose value is known at issue (24, 48, … hours back). */
    LOAD_SAME_HOUR_LAST_KNOWN_DAY,
    /** Load of the same hour one week before the target (two weeks when one week is not yet known). */
    LOAD_SAME_HOUR_LAST_WEEK,
    /** The last load known at issue (the hour just before the issue time). */
    LOAD_LAST,
    /** Mean load over the 24 hours before the issue time. */
    LOAD_MEAN_24H,
    /** Mean error of the one-week seasonal-naive forecast over the 24 hours before issue (recent forecast error). */
    RECENT_NAIVE_ERROR,
    /** 1 when the day of {@link #LOAD_SAME_HOUR_LAST_KNOWN_DAY} was a public holiday (its load is not typical). */
    LAST_KNOWN_DAY_HOLIDAY,
    /** 1 when the day of {@link #LOAD_SAME_HOUR_LAST_WEEK} was a public holiday. */
    LAST_WEEK_HOLIDAY,
    /** Temperature of the target hour, °C. */
    TEMPERATURE,
    /** Mean temperature of the 24 hours ending with the target hour, °C (thermal inertia of buildings). */
    TEMPERATURE_MEAN_24H,
    /** Exponentially smoothed temperature up to the target hour, time constant one day, °C. */
    TEMPERATURE_SMOOTH_DAY,
    /** Exponentially smoothed temperature up to the target hour, time constant three days, °C. */
    TEMPERATURE_SMOOTH_3DAYS,
    /** Lowest and highest temperature of the target's local day, °C. */
    TEMPERATURE_DAY_MIN,
    TEMPERATURE_DAY_MAX,
    /** Target temperature minus the temperature one week before, °C (adjusts the weekly lag). */
    TEMPERATURE_DELTA_WEEK,
    /** Target temperature minus the temperature at the hour of {@link #LOAD_SAME_HOUR_LAST_KNOWN_DAY}, °C. */
    TEMPERATURE_DELTA_LAST_KNOWN_DAY;

    /** The name models carry in their metadata. */
    public String featureName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this feature reads the weather series. */
    public boolean needsTemperature() {
        return name().startsWith("TEMPERATURE");
    }

    /** The feature named {@code name} (as in model metadata). */
    public static Feature named(String name) {
        for (Feature f : values()) {
            if (f.featureName().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown feature '" + name + "'; known features are "
                + Arrays.stream(values()).map(Feature::featureName).collect(Collectors.joining(", ")));
    }

    /** The default feature list, with or without the weather features. */
    public static List<String> defaults(boolean withTemperature) {
        return Arrays.stream(values()).filter(f -> withTemperature || !f.needsTemperature())
                .map(Feature::featureName).toList();
    }
}
