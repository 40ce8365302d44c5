package io.gridai.replay.report;

import io.gridai.model.id.AssetId;

/**
 * One asset's dispatch over the replay window: the sandbox optimiser's (shadow) setpoints against the ones that really
 * happened (actual). Only {@code ACTIVE_POWER} setpoints count, each over its validity [validFrom, validUntil) clipped
 * to the window; where setpoints of one side overlap, the one issued last is in effect. Energies are in MWh,
 * generator sign (a battery charging has negative energy); a side with no setpoint for this asset in the window has
 * {@code NaN} energy (no setpoint is not the same as 0 MW).
 *
 * @param asset the asset
 * @param shadowMwh energy of the shadow setpoints in the window
 * @param actualMwh energy of the actual setpoints in the window
 * @param meanAbsDeltaMw time-weighted mean |shadow MW − actual MW| over the time both had a setpoint in effect
 *     ({@code NaN} when they never did)
 * @param overlapHours how long both had a setpoint in effect
 * @param shadowSetpoints how many shadow setpoints reached into the window
 * @param actualSetpoints how many actual setpoints reached into the window
 */
public record DispatchRow(
        AssetId asset,
        double shadowMwh,
        double actualMwh,
        double meanAbsDeltaMw,
        double overlapHours,
        int shadowSetpoints,
        int actualSetpoints) {

    /** Shadow minus actual energy, {@code NaN} unless both sides had setpoints. */
    public double deltaMwh() {
        return shadowMwh - actualMwh;
    }
}
