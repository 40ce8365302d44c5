package io.gridai.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gridai.model.id.AssetId;

/**
 * The asset ids the grid twin gives a case's elements, in one place for everything that names them (the twin's
 * telemetry and setpoints, the dispatch optimiser, the operator API's network view): {@code bus-<n>},
 * {@code branch-<from>-<to>} (then {@code -2}, {@code -3} … for parallel branches, in {@code mpc.branch} order),
 * {@code gen-<name>} with the name from a naming file (e.g. an RTS-GMLC GEN UID) or {@code <bus>-<k>} (the k-th row of
 * {@code mpc.gen} at that bus, counting every row), {@code load-<bus>}.
 */
public final class GridAssetNames {

    private GridAssetNames() {
    }

    /** {@code bus-<number>}. */
    public static AssetId bus(int number) {
        return AssetId.of("bus-" + number);
    }

    /** {@code load-<bus>}: the demand at a bus. */
    public static AssetId load(int busNumber) {
        return AssetId.of("load-" + busNumber);
    }

    /** {@code gen-<name>}. */
    public static AssetId generator(String name) {
        return AssetId.of("gen-" + name);
    }

    /** The name of a generator no naming file names: {@code <bus>-<k>}, k counting every row at that bus from 1. */
    public static String generatorName(int busNumber, int k) {
        return busNumber + "-" + k;
    }

    /** The asset id of every row of {@code mpc.branch}, in order (in service or not). */
    public static List<AssetId> branches(MatpowerCase matpowerCase) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<AssetId> ids = new ArrayList<>();
        matpowerCase.branches().forEach(b -> {
            String key = "branch-" + b.fromBus() + "-" + b.toBus();
            int n = seen.merge(key, 1, Integer::sum);
            ids.add(AssetId.of(n == 1 ? key : key + "-" + n));
        });
        return ids;
    }
}
