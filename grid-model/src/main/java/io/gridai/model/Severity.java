package io.gridai.model;

/** How urgently an operator must act on an alert. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
