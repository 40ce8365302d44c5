package io.gridai.storage.control;

/**
 * What decided a unit's setpoint, highest priority first: {@link #SAFE_HOLD} overrides everything, frequency response
 * is added on top of the schedule (which gives way), an idle unit rests at zero.
 */
public enum Mode {
    /** Telemetry stale beyond the limit: the unit is brought to zero (within its ramp) and held there; alert raised. */
    SAFE_HOLD,
    /** A frequency deviation beyond the dead band: droop response on top of the schedule. */
    FREQUENCY_RESPONSE,
    /** Following the dispatch optimiser's schedule (limited so the reserve is kept). */
    SCHEDULE,
    /** No schedule, no deviation: at rest. */
    IDLE
}
