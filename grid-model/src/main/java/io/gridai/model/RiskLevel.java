package io.gridai.model;

/** How much harm a proposal could do if it were wrong; decides how much review it needs. */
public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
