package io.gridai.model;

/**
 * What an alert is about. Limit violations compare a value with a limit in the measurement kind's unit;
 * data-quality alerts compare durations in seconds (see {@link Alert}).
 */
public enum AlertType {
    VOLTAGE_HIGH,
    VOLTAGE_LOW,
    BRANCH_OVERLOAD,
    FREQUENCY_HIGH,
    FREQUENCY_LOW,
    /** No reading arrived for longer than the freshness limit. */
    STALE_TELEMETRY,
    /** The same value was repeated for longer than allowed. */
    STUCK_SENSOR,
    /** Readings are missing over an interval. */
    DATA_GAP;

    /** True for the types that compare a measured value with an operating limit. */
    public boolean isLimitViolation() {
        return this != STALE_TELEMETRY && this != STUCK_SENSOR && this != DATA_GAP;
    }
}
