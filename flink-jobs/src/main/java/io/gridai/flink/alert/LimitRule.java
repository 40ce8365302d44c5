package io.gridai.flink.alert;

import io.gridai.flink.config.AlertLimits;
import io.gridai.model.AlertType;
import io.gridai.model.Severity;
import io.gridai.model.unit.MeasurementKind;
import java.io.Serializable;
import java.util.Optional;

/**
 * One watched quantity: a band [low, high] (either end may be open) with a hysteresis, and the alert types and
 * severities of leaving it on either side.
 */
record LimitRule(MeasurementKind kind, double low, double high, double hysteresis, AlertType lowType,
        AlertType highType, Severity severity, double criticalHigh) implements Serializable {

    /** The rule for {@code kind}, if it is watched: VOLTAGE_PU, BRANCH_LOADING, FREQUENCY. */
    static Optional<LimitRule> of(MeasurementKind kind, AlertLimits limits) {
        return switch (kind) {
            case VOLTAGE_PU -> Optional.of(new LimitRule(kind, limits.voltageLowPu(), limits.voltageHighPu(),
                    limits.voltageHysteresisPu(), AlertType.VOLTAGE_LOW, AlertType.VOLTAGE_HIGH, Severity.WARNING,
                    Double.POSITIVE_INFINITY));
            case BRANCH_LOADING -> Optional.of(new LimitRule(kind, Double.NEGATIVE_INFINITY,
                    limits.branchLoadingPercent(), limits.branchHysteresisPercent(), null, AlertType.BRANCH_OVERLOAD,
                    Severity.WARNING, limits.branchCriticalPercent()));
            case FREQUENCY -> Optional.of(new LimitRule(kind,
                    limits.nominalFrequencyHz() - limits.frequencyDeviationHz(),
                    limits.nominalFrequencyHz() + limits.frequencyDeviationHz(), limits.frequencyHysteresisHz(),
                    AlertType.FREQUENCY_LOW, AlertType.FREQUENCY_HIGH, Severity.CRITICAL, Double.POSITIVE_INFINITY));
            default -> Optional.empty();
        };
    }

    /** The violation {@code value} is in when nothing is raised yet, or null. */
    AlertType violation(double value) {
        if (value > high) {
            return highType;
        }
        if (value < low) {
            return lowType;
        }
        return null;
    }

    /** True when {@code value} is back inside the band by more than the hysteresis, for a raised {@code type}. */
    boolean cleared(AlertType type, double value) {
        return type == highType ? value < high - hysteresis : value > low + hysteresis;
    }

    double limitOf(AlertType type) {
        return type == highType ? high : low;
    }

    Severity severityOf(AlertType type, double value) {
        return type == highType && value > criticalHigh ? Severity.CRITICAL : severity;
    }
}
