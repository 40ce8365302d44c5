package io.gridai.network;

import java.util.ArrayList;
import java.util.List;

import io.gridai.model.id.AssetId;

/**
 * A battery placed on a case's bus, in the short form the grid twin's {@code --batteries} and the dispatch optimiser's
 * {@code gridai.dispatch.grid.batteries} share: {@code ASSET@BUS:MWH:MW[:SOC]}. Efficiencies and the state-of-charge
 * band are not part of it; each user applies its own (the twin's defaults: 95 % each way, 5 %…95 %).
 *
 * @param asset       its asset id
 * @param busNumber   the bus it is connected to
 * @param capacityMwh usable energy capacity
 * @param powerMw     charge and discharge power limit
 * @param initialSoc  initial state of charge, a fraction (0.5 when not given)
 */
public record BatteryPlacement(AssetId asset, int busNumber, double capacityMwh, double powerMw, double initialSoc) {

    public BatteryPlacement {
        if (!(capacityMwh > 0 && powerMw > 0)) {
            throw new IllegalArgumentException("battery " + asset + ": capacity and power must be positive, got " + capacityMwh + " MWh and "
                    + powerMw + " MW");
        }
        if (!(initialSoc >= 0 && initialSoc <= 1)) {
            throw new IllegalArgumentException("battery " + asset + ": initial state of charge is a fraction in [0, 1], got " + initialSoc);
        }
    }

    /**
     * Parses comma-separated {@code ASSET@BUS:MWH:MW[:SOC]} items, e.g. {@code bess-a@69:200:50,bess-b@12:100:25:0.8};
     * blank or {@code none} is no battery.
     *
     * @param option the option or property the text came from, named in errors
     * @throws IllegalArgumentException naming the item that is wrong and the expected form
     */
    public static List<BatteryPlacement> parseList(String spec, String option) {
        List<BatteryPlacement> out = new ArrayList<>();
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("none")) {
            return out;
        }
        for (String item : spec.split(",")) {
            String[] at = item.trim().split("@");
            String[] f = at.length == 2 ? at[1].split(":") : new String[0];
            if (f.length < 3 || f.length > 4) {
                throw new IllegalArgumentException(option + ": '" + item.trim() + "' is not ASSET@BUS:MWH:MW[:SOC] (e.g. bess-a@69:200:50:0.5)");
            }
            try {
                out.add(new BatteryPlacement(AssetId.of(at[0]), Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        f.length == 4 ? Double.parseDouble(f[3]) : 0.5));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + item.trim() + "' has a value that is not a number", e);
            }
        }
        return out;
    }
}
