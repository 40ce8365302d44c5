package io.gridai.flink.config;

import java.io.Serializable;

/**
 * Operating limits watched for {@code grid.alerts}, each with a hysteresis band: an alert is raised when a value
 * crosses the limit and cleared only when it is back inside by more than the hysteresis, so a value hovering at the
 * limit raises one alert and one clear, not a flurry.
 *
 * @param voltageLowPu         {@code alerts.voltage.low-pu} [0.95]: VOLTAGE_PU below raises VOLTAGE_LOW
 * @param voltageHighPu        {@code alerts.voltage.high-pu} [1.05]: VOLTAGE_PU above raises VOLTAGE_HIGH
 * @param voltageHysteresisPu  {@code alerts.voltage.hysteresis-pu} [0.01]
 * @param branchLoadingPercent {@code alerts.branch.loading-percent} [100]: BRANCH_LOADING above raises
 *                             BRANCH_OVERLOAD (WARNING)
 * @param branchCriticalPercent {@code alerts.branch.critical-percent} [120]: an overload raised above this is
 *                             CRITICAL
 * @param branchHysteresisPercent {@code alerts.branch.hysteresis-percent} [5]
 * @param nominalFrequencyHz   {@code alerts.frequency.nominal-hz} [60]
 * @param frequencyDeviationHz {@code alerts.frequency.deviation-hz} [0.2]: |f − nominal| above raises
 *                             FREQUENCY_HIGH / FREQUENCY_LOW (CRITICAL)
 * @param frequencyHysteresisHz {@code alerts.frequency.hysteresis-hz} [0.05]
 */
public record AlertLimits(
        double voltageLowPu,
        double voltageHighPu,
        double voltageHysteresisPu,
        double branchLoadingPercent,
        double branchCriticalPercent,
        double branchHysteresisPercent,
        double nominalFrequencyHz,
        double frequencyDeviationHz,
        double frequencyHysteresisHz) implements Serializable {

    public AlertLimits {
        if (!(voltageLowPu < voltageHighPu)) {
            throw new SettingsException("alerts.voltage.low-pu (" + voltageLowPu + ") must be below alerts.voltage.high-pu ("
                    + voltageHighPu + ")");
        }
        if (voltageHysteresisPu < 0 || branchHysteresisPercent < 0 || frequencyHysteresisHz < 0) {
            throw new SettingsException("alert hysteresis bands must not be negative; use 0 for none");
        }
        if (frequencyDeviationHz <= 0) {
            throw new SettingsException("alerts.frequency.deviation-hz must be positive, e.g. 0.2");
        }
    }

    public static AlertLimits defaults() {
        return read(new PropertyReader(new java.util.Properties()));
    }

    static AlertLimits read(PropertyReader p) {
        return new AlertLimits(
                p.number("alerts.voltage.low-pu", 0.95),
                p.number("alerts.voltage.high-pu", 1.05),
                p.number("alerts.voltage.hysteresis-pu", 0.01),
                p.number("alerts.branch.loading-percent", 100),
                p.number("alerts.branch.critical-percent", 120),
                p.number("alerts.branch.hysteresis-percent", 5),
                p.number("alerts.frequency.nominal-hz", 60),
                p.number("alerts.frequency.deviation-hz", 0.2),
                p.number("alerts.frequency.hysteresis-hz", 0.05));
    }
}
