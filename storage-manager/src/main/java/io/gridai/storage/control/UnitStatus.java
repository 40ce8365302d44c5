package io.gridai.storage.control;

import java.time.Instant;

/**
 * What an operator sees of one unit (all power in MW, generator sign; SoC in percent).
 *
 * @param telemetryAgeSeconds age of the last state-of-charge reading; null when none arrived
 * @param lastDecision        the latest decision (issued or not); null before the first
 * @param lastIssued          the latest setpoint issued; null before the first
 */
public record UnitStatus(String asset, Double socPercent, SocSource socSource, Double telemetryAgeSeconds,
        Double measuredPowerMw, Double availableMw, Double temperatureC, boolean staleAlert, Decision lastDecision,
        Issued lastIssued, double dischargedMwh, double chargedMwh, double equivalentFullCycles,
        double degradationCost, UnitLimits limits) {

    /** A setpoint that left the manager. */
    public record Issued(String setpointId, double targetMw, Mode mode, Instant issuedAt, Instant validUntil) {
    }
}
