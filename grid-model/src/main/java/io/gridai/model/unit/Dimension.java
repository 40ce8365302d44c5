package io.gridai.model.unit;

/**
 * A physical dimension. Values convert only between units of the same dimension; each dimension has one
 * base unit with factor 1 (W, var, VA, V, A, Hz, Wh, ratio 1, radian, °C, m/s, W/m², Hz/s).
 */
public enum Dimension {
    ACTIVE_POWER,
    REACTIVE_POWER,
    APPARENT_POWER,
    VOLTAGE,
    CURRENT,
    FREQUENCY,
    ENERGY,
    /** Dimensionless: per unit and percent. */
    RATIO,
    ANGLE,
    TEMPERATURE,
    SPEED,
    IRRADIANCE,
    /** Rate of change of frequency. */
    FREQUENCY_RATE
}
