package io.gridai.cli.platform;

/** A component's health as `gridai status` reports it. */
public enum Health {
    /** Answering and ready for work. */
    UP,
    /** Running but not (yet) fit for work: e.g. topics missing. */
    DEGRADED,
    /** Not running or not answering. */
    DOWN
}
