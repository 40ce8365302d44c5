package io.gridai.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gridai.model.id.AssetId;

/**
 * A case's generators as the grid twin runs and names them, for those that check or move them: the in-service rows of
 * {@code mpc.gen} at in-service (not isolated) buses, minus the rows a naming file leaves out, each with its asset id
 * ({@link GridAssetNames}), its limits, its ramp by the twin's rule and whether it is at the reference bus (the twin's
 * slack, which takes no setpoint).
 */
public final class CaseGenerators {

    private CaseGenerators() {
    }

    /**
     * One generator.
     *
     * @param asset         its asset id
     * @param row           its 0-based row of {@code mpc.gen}
     * @param busNumber     its bus
     * @param pminMw        PMIN
     * @param pmaxMw        PMAX
     * @param rampMwPerHour the twin's ramp rule per hour ({@link #rampPerHour}); infinite at the slack or when none
     * @param slack         at the reference bus
     */
    public record CaseGenerator(AssetId asset, int row, int busNumber, double pminMw, double pmaxMw, double rampMwPerHour,
                                boolean slack) {
    }

    /**
     * The generators of {@code source}, named by {@code names} (rows it does not name are {@code gen-<bus>-<k>}).
     *
     * @param defaultRampPerMinute the ramp of a row that gives none, as a fraction of PMAX per minute (the twin's 0.02)
     * @throws IllegalArgumentException when two rows get the same asset id
     */
    public static List<CaseGenerator> of(MatpowerCase source, GeneratorNamesFile names, double defaultRampPerMinute) {
        Set<Integer> inServiceBuses = new HashSet<>();
        source.buses().stream().filter(b -> b.type() != BusType.ISOLATED).forEach(b -> inServiceBuses.add(b.number()));
        Map<Integer, Integer> perBus = new HashMap<>();
        Set<AssetId> seen = new HashSet<>();
        List<CaseGenerator> out = new ArrayList<>();
        for (int g = 0; g < source.generators().size(); g++) {
            MatpowerGenerator gen = source.generators().get(g);
            int k = perBus.merge(gen.busNumber(), 1, Integer::sum);
            if (!gen.inService() || !inServiceBuses.contains(gen.busNumber()) || names.excluded().contains(g + 1)) {
                continue;
            }
            String named = names.names().get(g + 1);
            AssetId asset = named != null ? AssetId.of(named) : GridAssetNames.generator(GridAssetNames.generatorName(gen.busNumber(), k));
            if (!seen.add(asset)) {
                throw new IllegalArgumentException("two generators of case " + source.name() + " are named " + asset
                        + "; give each row its own asset id in the generator naming file");
            }
            boolean slack = source.bus(gen.busNumber()).map(b -> b.type() == BusType.REF).orElse(false);
            double ramp = slack ? Double.POSITIVE_INFINITY : rampPerHour(gen, defaultRampPerMinute);
            out.add(new CaseGenerator(asset, g, gen.busNumber(), gen.pminMw(), gen.pmaxMw(), ramp, slack));
        }
        return List.copyOf(out);
    }

    /** The twin's ramp rule, per hour: the case's ({@link MatpowerGenerator#rampMwPerMinute()}), else {@code defaultPerMinute} x PMAX. */
    public static double rampPerHour(MatpowerGenerator gen, double defaultPerMinute) {
        double perMinute = gen.rampMwPerMinute().orElse(defaultPerMinute * gen.pmaxMw());
        return perMinute > 0 ? perMinute * 60 : Double.POSITIVE_INFINITY;
    }
}
