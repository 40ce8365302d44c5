package io.gridai.cli.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerGenerator;
import io.gridai.sim.run.TwinScenario;
import io.gridai.sim.twin.BatterySpec;
import io.gridai.sim.twin.GridTwin;

/**
 * The grid twin's case as `up` tells the services that model it (the dispatch optimiser, the operator API), each under
 * its own key prefix, so that they see the grid the twin runs with the twin's asset names:
 * <ul>
 *   <li>{@code case-file}: the twin's MATPOWER file;</li>
 *   <li>{@code generator-names}: {@code <data>/<component>/generator-names.csv} ({@code row,asset}, rewritten at each
 *       start): every case row the twin names itself (RTS-GMLC: by GEN UID), and {@code -} for rows the twin does not
 *       run (RTS-GMLC's battery, which replaces its generator row); other rows get {@code gen-<bus>-<k>} in both;</li>
 *   <li>{@code batteries}: the twin's batteries (RTS-GMLC's own and {@code --sim-batteries}) as
 *       {@code ASSET@BUS:MWH:MW:SOC}, or {@code none};</li>
 *   <li>{@code default-ramp-per-minute}: the twin's ramp limit for units without one, as a fraction of Pmax.</li>
 * </ul>
 */
final class TwinGrid {

    private TwinGrid() {
    }

    /**
     * The four settings above, each key {@code prefix} + name (e.g. {@code gridai.dispatch.grid.}); writes the
     * generator names under {@code component}'s data folder.
     */
    static Map<String, String> settings(String prefix, PlatformLayout layout, String component, TwinScenario scenario,
            Path caseFile) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(prefix + "case-file", caseFile.toString());
        settings.put(prefix + "generator-names", writeGeneratorNames(layout, component, scenario).toString());
        List<BatterySpec> batteries = scenario.settings().batteries();
        settings.put(prefix + "batteries", batteries.isEmpty() ? "none" : batteries.stream()
                .map(TwinGrid::batteryText).collect(Collectors.joining(",")));
        settings.put(prefix + "default-ramp-per-minute", String.valueOf(scenario.settings().defaultRampPerMinute()));
        return settings;
    }

    /** Where {@link #settings} writes {@code component}'s generator names. */
    static Path generatorNamesFile(PlatformLayout layout, String component) {
        return layout.componentData(component).resolve("generator-names.csv");
    }

    /**
     * Writes {@code <data>/<component>/generator-names.csv} for the twin's scenario: {@code row,asset} (1-based
     * {@code mpc.gen} row) for each row the twin names itself, {@code row,-} for each row it does not run.
     */
    static Path writeGeneratorNames(PlatformLayout layout, String component, TwinScenario scenario) {
        MatpowerCase twinCase = scenario.matpowerCase();
        Map<Integer, String> names = scenario.settings().generatorNames();
        List<String> lines = new ArrayList<>(List.of("row,asset",
                "# The grid twin's name of each mpc.gen row of " + twinCase.name() + ", written by ./gridai up for "
                        + component + " at each start;",
                "# '-' = a row the twin does not run (e.g. RTS-GMLC's battery, which replaces its row); unlisted rows are"
                        + " gen-<bus>-<k> in both."));
        for (int g = 0; g < twinCase.generators().size(); g++) {
            MatpowerGenerator unit = twinCase.generators().get(g);
            if (!unit.inService()) {
                lines.add((g + 1) + ",-");
            } else if (names.containsKey(g)) {
                lines.add((g + 1) + "," + GridTwin.generatorAsset(names.get(g)).value());
            }
        }
        Path file = generatorNamesFile(layout, component);
        PlatformFiles.writeOwnerOnly(file, lines, component + "'s generator names");
        return file;
    }

    /** {@code ASSET@BUS:MWH:MW:SOC}, the services' form of the twin's battery; MW = the smaller of charge and discharge. */
    static String batteryText(BatterySpec b) {
        return b.asset().value() + "@" + b.busNumber() + ":" + b.capacityMwh() + ":"
                + Math.min(b.maxChargeMw(), b.maxDischargeMw()) + ":" + b.initialSoc();
    }
}
