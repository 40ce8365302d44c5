package io.gridai.sim.twin;

import io.gridai.model.id.AssetId;

/**
 * A battery placed at a bus of the case. Power in the generator convention: positive = discharging into the
 * grid, negative = charging.
 *
 * @param asset              its asset id, e.g. {@code bess-313}
 * @param busNumber          MATPOWER bus it connects to
 * @param capacityMwh        usable energy capacity, MWh
 * @param maxChargeMw        largest charging power, MW (positive number)
 * @param maxDischargeMw     largest discharging power, MW
 * @param chargeEfficiency   fraction of grid energy stored when charging, (0, 1]
 * @param dischargeEfficiency fraction of stored energy delivered to the grid when discharging, (0, 1]
 * @param socMin             lowest state of charge, fraction of capacity [0, 1)
 * @param socMax             highest state of charge, fraction of capacity (socMin, 1]
 * @param initialSoc         state of charge at start, fraction of capacity
 */
public record BatterySpec(AssetId asset, int busNumber, double capacityMwh, double maxChargeMw, double maxDischargeMw,
        double chargeEfficiency, double dischargeEfficiency, double socMin, double socMax, double initialSoc) {

    public BatterySpec {
        if (!(capacityMwh > 0)) {
            throw new IllegalArgumentException(asset + ": capacity must be positive, was " + capacityMwh + " MWh");
        }
        if (!(maxChargeMw >= 0) || !(maxDischargeMw >= 0)) {
            throw new IllegalArgumentException(asset + ": power limits must be zero or positive MW");
        }
        if (!(chargeEfficiency > 0 && chargeEfficiency <= 1) || !(dischargeEfficiency > 0 && dischargeEfficiency <= 1)) {
            throw new IllegalArgumentException(asset + ": efficiencies must be in (0, 1]");
        }
        if (!(socMin >= 0 && socMin < socMax && socMax <= 1)) {
            throw new IllegalArgumentException(asset + ": need 0 <= socMin < socMax <= 1, got " + socMin + ", " + socMax);
        }
        if (!(initialSoc >= socMin && initialSoc <= socMax)) {
            throw new IllegalArgumentException(asset + ": initial SoC " + initialSoc + " outside [" + socMin + ", " + socMax + "]");
        }
    }
}
