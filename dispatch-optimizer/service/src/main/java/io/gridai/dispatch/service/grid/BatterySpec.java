package io.gridai.dispatch.service.grid;

import java.util.ArrayList;
import java.util.List;

import io.gridai.model.id.AssetId;

/**
 * A battery on the grid, as the twin's {@code --batteries} option gives it.
 *
 * @param asset        its asset id
 * @param busNumber    the bus it is connected to
 * @param capacityMwh  usable energy capacity
 * @param powerMw      charge and discharge power limit
 * @param initialSoc   state of charge (fraction) assumed until a STATE_OF_CHARGE measurement arrives
 */
public record BatterySpec(AssetId asset, int busNumber, double capacityMwh, double powerMw, double initialSoc) {

    public BatterySpec {
        if (!(capacityMwh > 0 && powerMw > 0)) {
            throw new IllegalArgumentException("battery " + asset + ": capacity and power must be positive, got " + capacityMwh + " MWh and "
                    + powerMw + " MW");
        }
        if (!(initialSoc >= 0 && initialSoc <= 1)) {
            throw new IllegalArgumentException("battery " + asset + ": initial state of charge is a fraction in [0, 1], got " + initialSoc);
        }
    }

    /**
     * Parses {@code ASSET@BUS:MWH:MW[:SOC],...}, or {@code none}.
     *
     * @throws IllegalArgumentException naming the item that is wrong and the expected form
     */
    public static List<BatterySpec> parseList(String spec) {
        List<BatterySpec> out = new ArrayList<>();
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("none")) {
            return out;
        }
        for (String item : spec.split(",")) {
            String[] at = item.trim().split("@");
            String[] f = at.length == 2 ? at[1].split(":") : new String[0];
            if (f.length < 3 || f.length > 4) {
                throw new IllegalArgumentException("gridai.dispatch.grid.batteries: '" + item.trim()
                        + "' is not ASSET@BUS:MWH:MW[:SOC] (e.g. bess-a@69:200:50:0.5)");
            }
            try {
                out.add(new BatterySpec(AssetId.of(at[0]), Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        f.length == 4 ? Double.parseDouble(f[3]) : 0.5));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("gridai.dispatch.grid.batteries: '" + item.trim() + "' has a value that is not a number");
            }
        }
        return out;
    }
}
