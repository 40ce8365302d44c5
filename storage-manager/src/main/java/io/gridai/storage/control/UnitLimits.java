package io.gridai.storage.control;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.gridai.model.id.AssetId;

/**
 * One battery's limits, as configured. Power in the generator sign convention: positive discharges into the grid,
 * negative charges. (In a unit's JSON status without the asset, which the status names.)
 *
 * @param asset                 the battery's asset id
 * @param capacityMwh           usable energy capacity, MWh
 * @param maxChargeMw           largest charging power, MW (a positive number)
 * @param maxDischargeMw        largest discharging power, MW
 * @param chargeEfficiency      fraction of grid energy stored when charging, (0, 1]
 * @param dischargeEfficiency   fraction of stored energy delivered when discharging, (0, 1]
 * @param socMin                lowest state of charge, fraction of capacity
 * @param socMax                highest state of charge, fraction of capacity
 * @param rampMwPerSecond       largest change between the setpoints this manager issues, MW per second
 * @param degradationCostPerMwh wear cost per MWh discharged, $/MWh (the dispatch optimiser's battery cycling cost)
 * @param reserveMw             power held back from the schedule, in each direction, for frequency response; with
 *                              the response's sustain time it also holds energy back
 * @param droopMwPerHz          frequency response gain k of ΔP = −k·(Δf ∓ dead band), MW per Hz; 0 for none
 */
public record UnitLimits(@JsonIgnore AssetId asset, double capacityMwh, double maxChargeMw, double maxDischargeMw,
        double chargeEfficiency, double dischargeEfficiency, double socMin, double socMax, double rampMwPerSecond,
        double degradationCostPerMwh, double reserveMw, double droopMwPerHz) {

    public UnitLimits {
        if (asset == null) {
            throw new IllegalArgumentException("a battery needs an asset id");
        }
        check(capacityMwh > 0, asset, "capacity must be positive, was " + capacityMwh + " MWh");
        check(maxChargeMw >= 0 && maxDischargeMw >= 0, asset, "power limits must be zero or positive MW, were "
                + maxChargeMw + " (charge) and " + maxDischargeMw + " (discharge)");
        check(chargeEfficiency > 0 && chargeEfficiency <= 1 && dischargeEfficiency > 0 && dischargeEfficiency <= 1,
                asset, "efficiencies must be in (0, 1], were " + chargeEfficiency + " and " + dischargeEfficiency);
        check(socMin >= 0 && socMin < socMax && socMax <= 1, asset, "need 0 <= soc-min < soc-max <= 1, got "
                + socMin + " and " + socMax);
        check(rampMwPerSecond > 0, asset, "ramp must be positive MW/s, was " + rampMwPerSecond);
        check(degradationCostPerMwh >= 0, asset, "degradation cost must be >= 0 $/MWh, was " + degradationCostPerMwh);
        check(reserveMw >= 0 && reserveMw <= Math.min(maxChargeMw, maxDischargeMw), asset,
                "reserve must be between 0 and the smaller power limit (" + Math.min(maxChargeMw, maxDischargeMw)
                        + " MW), was " + reserveMw + " MW");
        check(droopMwPerHz >= 0, asset, "droop gain must be >= 0 MW/Hz, was " + droopMwPerHz);
    }

    private static void check(boolean ok, AssetId asset, String message) {
        if (!ok) {
            throw new IllegalArgumentException("battery " + asset + ": " + message);
        }
    }

    /** Stored energy above the SoC floor that can reach the grid, MWh, at state of charge {@code soc}. */
    public double deliverableMwh(double soc) {
        return Math.max(0, (soc - socMin) * capacityMwh * dischargeEfficiency);
    }

    /** Grid energy that can still be stored below the SoC ceiling, MWh, at state of charge {@code soc}. */
    public double storableMwh(double soc) {
        return Math.max(0, (socMax - soc) * capacityMwh / chargeEfficiency);
    }

    /** The state of charge after {@code powerMw} (generator sign) for {@code hours}, without clamping. */
    public double socAfter(double soc, double powerMw, double hours) {
        double stored = powerMw > 0 ? -powerMw * hours / dischargeEfficiency : -powerMw * hours * chargeEfficiency;
        return soc + stored / capacityMwh;
    }
}
