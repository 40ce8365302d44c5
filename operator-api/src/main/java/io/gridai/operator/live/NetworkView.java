package io.gridai.operator.live;

import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.network.BatteryPlacement;
import io.gridai.network.CaseGenerators.CaseGenerator;
import io.gridai.network.GridAssetNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The grid's topology for the console's network view, with the latest loading of each branch and output of each
 * generator and battery from the live state ({@code null} where it holds none, or all {@code null} with
 * {@code liveState} false while it is unavailable). Bus references are bus asset ids ({@code bus-<n>}).
 */
public record NetworkView(@com.fasterxml.jackson.annotation.JsonProperty("case") String caseName, boolean liveState, List<BusView> buses, List<BranchView> branches,
        List<GeneratorView> generators, List<BatteryView> batteries) {

    public record BusView(String id, int number, String zone, double baseKv) {
    }

    public record BranchView(String id, String from, String to, double rateMva, Double loadingPercent,
            Instant loadingTime) {
    }

    public record GeneratorView(String asset, String bus, double pminMw, double pmaxMw, boolean slack,
            Double activePowerMw, Instant activePowerTime) {
    }

    public record BatteryView(String asset, String bus, double powerMw, double capacityMwh, Double activePowerMw,
            Instant activePowerTime) {
    }

    /** The keys of the live values the view shows. */
    public static List<String> liveKeys(GridCase.Loaded grid) {
        List<String> keys = new ArrayList<>();
        grid.branches().forEach(b -> keys.add(LiveValues.key(b.asset(), MeasurementKind.BRANCH_LOADING)));
        grid.generators().forEach(g -> keys.add(LiveValues.key(g.asset(), MeasurementKind.ACTIVE_POWER)));
        grid.batteries().forEach(b -> keys.add(LiveValues.key(b.asset(), MeasurementKind.ACTIVE_POWER)));
        return keys;
    }

    /** The view of {@code grid} with the live values read ({@code live} empty while the live state is unavailable). */
    public static NetworkView of(GridCase.Loaded grid, Optional<Map<String, Measurement>> live) {
        Map<String, Measurement> values = live.orElse(Map.of());
        List<BusView> buses = grid.buses().stream()
                .map(b -> new BusView(b.asset().value(), b.number(), b.zone().value(), b.baseKv())).toList();
        List<BranchView> branches = grid.branches().stream().map(b -> {
            Optional<Measurement> m = Optional.ofNullable(values.get(LiveValues.key(b.asset(), MeasurementKind.BRANCH_LOADING)));
            return new BranchView(b.asset().value(), bus(b.fromBus()), bus(b.toBus()), b.rateMva(),
                    m.map(Measurement::value).orElse(null), m.map(Measurement::eventTime).orElse(null));
        }).toList();
        List<GeneratorView> generators = grid.generators().stream().map((CaseGenerator g) -> {
            Optional<Measurement> m = power(values, g.asset());
            return new GeneratorView(g.asset().value(), bus(g.busNumber()), g.pminMw(), g.pmaxMw(), g.slack(),
                    m.map(Measurement::value).orElse(null), m.map(Measurement::eventTime).orElse(null));
        }).toList();
        List<BatteryView> batteries = grid.batteries().stream().map((BatteryPlacement b) -> {
            Optional<Measurement> m = power(values, b.asset());
            return new BatteryView(b.asset().value(), bus(b.busNumber()), b.powerMw(), b.capacityMwh(),
                    m.map(Measurement::value).orElse(null), m.map(Measurement::eventTime).orElse(null));
        }).toList();
        return new NetworkView(grid.source().name(), live.isPresent(), buses, branches, generators, batteries);
    }

    private static Optional<Measurement> power(Map<String, Measurement> values, AssetId asset) {
        return Optional.ofNullable(values.get(LiveValues.key(asset, MeasurementKind.ACTIVE_POWER)));
    }

    private static String bus(int number) {
        return GridAssetNames.bus(number).value();
    }
}
