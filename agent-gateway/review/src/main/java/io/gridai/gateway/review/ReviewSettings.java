package io.gridai.gateway.review;

import io.gridai.gateway.review.risk.RiskSettings;
import io.gridai.gateway.review.study.ViolationTolerances;
import java.time.Duration;
import java.util.Objects;

/**
 * How the review judges (every value has a default, {@link #defaults()}).
 *
 * @param maxValidFor  the longest an action's setpoint may hold (default {@value #MAX_VALID_FOR_DEFAULT})
 * @param liveMaxAge   how old the live snapshot may be at the review (default {@value #LIVE_MAX_AGE_DEFAULT}); older,
 *                     the limits step refuses (a unit is not moved blind)
 * @param rampWindow   the time a unit has to reach its target from its live output at its ramp rate (default
 *                     {@value #RAMP_WINDOW_DEFAULT}), as {@code SetpointEnvelope} checks it
 * @param toleranceMw  how far past a unit limit a target may be, rounding (default {@value #TOLERANCE_MW_DEFAULT})
 * @param violations   what the study counts as a new violation
 * @param risk         the risk score's scales, weights and level thresholds
 */
public record ReviewSettings(Duration maxValidFor, Duration liveMaxAge, Duration rampWindow, double toleranceMw,
                             ViolationTolerances violations, RiskSettings risk) {

    public static final String MAX_VALID_FOR_DEFAULT = "PT4H";
    public static final String LIVE_MAX_AGE_DEFAULT = "PT1M";
    public static final String RAMP_WINDOW_DEFAULT = "PT15M";
    public static final double TOLERANCE_MW_DEFAULT = 0.001;

    public ReviewSettings {
        Objects.requireNonNull(maxValidFor, "maxValidFor");
        Objects.requireNonNull(liveMaxAge, "liveMaxAge");
        Objects.requireNonNull(rampWindow, "rampWindow");
        Objects.requireNonNull(violations, "violations");
        Objects.requireNonNull(risk, "risk");
        if (maxValidFor.isNegative() || maxValidFor.isZero() || rampWindow.isNegative() || rampWindow.isZero()
                || liveMaxAge.isNegative()) {
            throw new IllegalArgumentException("ReviewSettings durations must be positive: maxValidFor=" + maxValidFor
                    + " rampWindow=" + rampWindow + " liveMaxAge=" + liveMaxAge);
        }
        if (!(toleranceMw >= 0)) {
            throw new IllegalArgumentException("ReviewSettings.toleranceMw must be >= 0 but was " + toleranceMw);
        }
    }

    /** The defaults. */
    public static ReviewSettings defaults() {
        return new ReviewSettings(Duration.parse(MAX_VALID_FOR_DEFAULT), Duration.parse(LIVE_MAX_AGE_DEFAULT),
                Duration.parse(RAMP_WINDOW_DEFAULT), TOLERANCE_MW_DEFAULT, ViolationTolerances.defaults(),
                RiskSettings.defaults());
    }

    public ReviewSettings withMaxValidFor(Duration value) {
        return new ReviewSettings(value, liveMaxAge, rampWindow, toleranceMw, violations, risk);
    }

    public ReviewSettings withLiveMaxAge(Duration value) {
        return new ReviewSettings(maxValidFor, value, rampWindow, toleranceMw, violations, risk);
    }

    public ReviewSettings withRampWindow(Duration value) {
        return new ReviewSettings(maxValidFor, liveMaxAge, value, toleranceMw, violations, risk);
    }

    public ReviewSettings withRisk(RiskSettings value) {
        return new ReviewSettings(maxValidFor, liveMaxAge, rampWindow, toleranceMw, violations, value);
    }
}
