package io.gridai.model;

/** Why ingestion refused a record and sent it to the dead-letter topic. */
public enum RejectionReason {
    /** The payload could not be parsed. */
    MALFORMED,
    /** The sender is not a registered source. */
    UNKNOWN_SOURCE,
    /** The source was registered but has been revoked. */
    REVOKED_SOURCE,
    /** The source may not report for this asset. */
    ASSET_NOT_ALLOWED,
    /** The source may not report this measurement kind. */
    KIND_NOT_ALLOWED,
    /** The unit is unknown or does not fit the kind. */
    UNKNOWN_UNIT,
    /** The value is outside the plausible range for its kind. */
    OUT_OF_RANGE,
    /** The payload parsed but does not match the expected schema. */
    SCHEMA_MISMATCH
}
