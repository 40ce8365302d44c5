package io.gridai.model;

/**
 * Why a value is less than good. A measurement with an empty flag set is good; flags accumulate as
 * ingestion and cleaning find problems.
 */
public enum QualityFlag {
    /** Computed by a state estimator or model rather than measured. */
    ESTIMATED,
    /** Replaced by a substitute (e.g. last good value or interpolation) after the original was rejected. */
    SUBSTITUTED,
    /** Plausible but doubtful (e.g. an unexpected jump); use with care. */
    SUSPECT,
    /** Outside the physically plausible range for its kind and asset. */
    OUT_OF_RANGE,
    /** The sensor has reported exactly the same value for too long. */
    STUCK,
    /** Readings are missing before this one. */
    GAP,
    /** Arrived after its event-time window had closed. */
    LATE,
    /** Older than the freshness limit when it was used. */
    STALE,
    /** Entered or overridden by an operator. */
    MANUAL
}
