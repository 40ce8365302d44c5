package io.gridai.storage.control;

/**
 * What decided a unit's setpoint, highest priority first: a manual hold ({@link #HELD}) leaves the unit to the person who
 * set it, {@link #SAFE_HOLD} overrides the rest, frequency response
 * is added on top of the schedule (which gives way), an idle unit rests at zero.
 */
public enum Mode {
    /**
     * A manual hold: an operator's (or an approved proposal's) setpoint is valid for the unit. The manager sends it
     * nothing, neither schedule nor frequency response, until the hold ends; the unit's reserve is not counted.
     */
    HELD,
    /** Telemetry stale beyond the limit: the unit is brought to zero (within its ramp) and held there; alert raised. */
    SAFE_HOLD,
    /** A frequency deviation beyond the dead band: droop response on top of the schedule. */
    FREQUENCY_RESPONSE,
    /** Following the dispatch optimiser's schedule (limited so the reserve is kept). */
    SCHEDULE,
    /** No schedule, no deviation: at rest. */
    IDLE
}
