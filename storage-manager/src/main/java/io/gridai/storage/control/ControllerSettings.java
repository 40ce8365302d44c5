package io.gridai.storage.control;

import java.time.Duration;

/**
 * How the fleet controller issues setpoints and judges telemetry.
 *
 * @param validity       each setpoint's validity window: a silent manager's units come to rest after it
 * @param estimateAfter  a unit whose last state-of-charge reading is older than this is run on an estimate
 *                       (integrating its commanded power), shown as ESTIMATED
 * @param safeAfter      beyond this the unit is sent to its safe setpoint (zero, within its ramp) and an alert is raised
 * @param minChangeMw    a new setpoint is issued when the target moves by at least this, when the mode changes, or
 *                       when half of the last one's validity has passed
 * @param response       frequency response
 */
public record ControllerSettings(Duration validity, Duration estimateAfter, Duration safeAfter, double minChangeMw,
        ResponseSettings response) {

    public ControllerSettings {
        if (validity.isNegative() || validity.isZero() || estimateAfter.isNegative() || estimateAfter.isZero() || safeAfter.compareTo(estimateAfter) < 0) {
            throw new IllegalArgumentException("storage setpoints: need a positive validity and 0 < estimate-after <="
                    + " safe-after; got " + validity + ", " + estimateAfter + ", " + safeAfter);
        }
        if (!(minChangeMw >= 0)) {
            throw new IllegalArgumentException("storage setpoints: min change must be >= 0 MW, was " + minChangeMw);
        }
    }
}
