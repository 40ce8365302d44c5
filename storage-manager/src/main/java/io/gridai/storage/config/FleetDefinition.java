package io.gridai.storage.config;

import io.gridai.network.BatteryPlacement;
import io.gridai.storage.control.UnitLimits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds the fleet's {@link UnitLimits} from configuration. */
public final class FleetDefinition {

    private FleetDefinition() {
    }

    /**
     * The units of {@code gridai.storage.fleet.batteries} with the fleet's defaults and each unit's overrides.
     *
     * @throws IllegalArgumentException naming the key or unit that is wrong and what is expected
     */
    public static List<UnitLimits> units(StorageConfig config) {
        StorageConfig.Fleet fleet = config.fleet();
        StorageConfig.UnitDefaults d = fleet.defaults();
        StorageConfig.Response response = config.response();
        if (!(response.fullResponseDeviationHz() > response.deadBandHz())) {
            throw new IllegalArgumentException("gridai.storage.response.full-response-deviation-hz ("
                    + response.fullResponseDeviationHz() + ") must be above dead-band-hz (" + response.deadBandHz() + ")");
        }
        if (!(response.reserveFraction() >= 0 && response.reserveFraction() <= 1)) {
            throw new IllegalArgumentException("gridai.storage.response.reserve-fraction must be in [0, 1], was "
                    + response.reserveFraction());
        }
        List<UnitLimits> out = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (BatteryPlacement b : BatteryPlacement.parseList(fleet.batteries(), "gridai.storage.fleet.batteries")) {
            String id = b.asset().value();
            known.add(id);
            StorageConfig.UnitOverride o = fleet.units().get(id);
            double charge = o == null ? b.powerMw() : o.maxChargeMw().orElse(b.powerMw());
            double discharge = o == null ? b.powerMw() : o.maxDischargeMw().orElse(b.powerMw());
            double reserve = o != null && o.reserveMw().isPresent() ? o.reserveMw().get()
                    : response.reserveFraction() * Math.min(charge, discharge);
            double droop = o != null && o.droopMwPerHz().isPresent() ? o.droopMwPerHz().get()
                    : reserve / (response.fullResponseDeviationHz() - response.deadBandHz());
            out.add(new UnitLimits(b.asset(), b.capacityMwh(), charge, discharge,
                    o == null ? d.chargeEfficiency() : o.chargeEfficiency().orElse(d.chargeEfficiency()),
                    o == null ? d.dischargeEfficiency() : o.dischargeEfficiency().orElse(d.dischargeEfficiency()),
                    o == null ? d.socMin() : o.socMin().orElse(d.socMin()),
                    o == null ? d.socMax() : o.socMax().orElse(d.socMax()),
                    o == null || o.rampMwPerSecond().isEmpty() ? d.rampPerSecond() * Math.max(charge, discharge)
                            : o.rampMwPerSecond().get(),
                    o == null ? d.degradationCostPerMwh() : o.degradationCostPerMwh().orElse(d.degradationCostPerMwh()),
                    reserve, droop));
        }
        for (String id : fleet.units().keySet()) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException("gridai.storage.fleet.units.\"" + id + "\" overrides a battery that"
                        + " gridai.storage.fleet.batteries does not list (" + known + ")");
            }
        }
        return out;
    }
}
