package io.gridai.storage.control;

/** Where a unit's state of charge comes from. */
public enum SocSource {
    /** A reading younger than estimate-after. */
    MEASURED,
    /** The last reading, carried forward by the commanded power: telemetry is late. */
    ESTIMATED,
    /** No reading yet. */
    UNKNOWN
}
