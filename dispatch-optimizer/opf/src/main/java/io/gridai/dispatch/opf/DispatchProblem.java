package io.gridai.dispatch.opf;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

import io.gridai.dispatch.opf.dc.DcNetwork;
import io.gridai.network.GeneratorCost;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerGenerator;

/**
 * A dispatch to solve: a network, the units and batteries on it, the periods of the horizon.
 *
 * @param network        the DC model
 * @param units          generating units (in-service generators of the case, usually)
 * @param storage        batteries
 * @param periods        the horizon, in order
 * @param settings       how to solve
 * @param watchBranches  in-service branches (network indices) whose limits are enforced from the first round, e.g.
 *                       those binding in the previous solve of a rolling horizon; others are added when overloaded
 */
public record DispatchProblem(DcNetwork network, List<DispatchUnit> units, List<StorageUnit> storage, List<DispatchPeriod> periods,
                              DispatchSettings settings, Set<Integer> watchBranches) {

    public DispatchProblem {
        Objects.requireNonNull(network, "network");
        units = List.copyOf(units);
        storage = List.copyOf(storage);
        periods = List.copyOf(periods);
        Objects.requireNonNull(settings, "settings");
        watchBranches = Set.copyOf(watchBranches);
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("a dispatch needs at least one period");
        }
        for (DispatchPeriod p : periods) {
            if (p.demandMw().length != network.busCount()) {
                throw new IllegalArgumentException("period " + p.start() + " has demand for " + p.demandMw().length + " buses, the network has "
                        + network.busCount() + " in service");
            }
            if (p.availableMw().length != units.size()) {
                throw new IllegalArgumentException("period " + p.start() + " has availability for " + p.availableMw().length
                        + " units, the problem has " + units.size());
            }
            if (p.fixedStorageMw().length != 0 && p.fixedStorageMw().length != storage.size()) {
                throw new IllegalArgumentException("period " + p.start() + " fixes " + p.fixedStorageMw().length
                        + " battery outputs, the problem has " + storage.size() + " batteries");
            }
        }
        for (DispatchUnit u : units) {
            if (u.bus() < 0 || u.bus() >= network.busCount()) {
                throw new IllegalArgumentException("unit " + u.id() + " is at bus index " + u.bus() + ", not an in-service bus");
            }
        }
        for (StorageUnit s : storage) {
            if (s.bus() < 0 || s.bus() >= network.busCount()) {
                throw new IllegalArgumentException("battery " + s.id() + " is at bus index " + s.bus() + ", not an in-service bus");
            }
        }
    }

    /**
     * MATPOWER's {@code rundcopf} problem for a case as it is: its in-service generators at in-service buses with their
     * {@code gencost}, the case's PD + GS as demand, one period of one hour, no ramps, no batteries, no shedding.
     */
    public static DispatchProblem singlePeriod(DcNetwork network) {
        List<DispatchUnit> units = unitsOf(network);
        double[] demand = new double[network.busCount()];
        for (int i = 0; i < demand.length; i++) {
            demand[i] = network.fixedDemandMw(i);
        }
        double[] available = new double[units.size()];
        java.util.Arrays.fill(available, Double.NaN);
        DispatchPeriod period = new DispatchPeriod(Instant.EPOCH, Duration.ofHours(1), demand, available);
        return new DispatchProblem(network, units, List.of(), List.of(period), DispatchSettings.matpower(), Set.of());
    }

    /**
     * The case's in-service generators (at in-service buses) as units, named {@code gen-<row>} (1-based row of
     * {@code mpc.gen}), with the case's ramp limits ({@link MatpowerGenerator#rampMwPerMinute()} x 60 per hour), none
     * where the case gives none.
     */
    public static List<DispatchUnit> unitsOf(DcNetwork network) {
        MatpowerCase c = network.source();
        if (c.costs().isEmpty()) {
            throw new IllegalArgumentException("case " + c.name() + " has no mpc.gencost; a dispatch needs the generators' costs");
        }
        List<DispatchUnit> units = new ArrayList<>();
        for (int g = 0; g < c.generators().size(); g++) {
            MatpowerGenerator gen = c.generators().get(g);
            int bus = network.busIndex(gen.busNumber());
            if (!gen.inService() || bus < 0) {
                continue;
            }
            GeneratorCost cost = c.costs().get(g);
            units.add(new DispatchUnit("gen-" + (g + 1), g, bus, gen.pminMw(), gen.pmaxMw(), cost, rampPerHour(gen),
                    OptionalDouble.empty(), false));
        }
        return units;
    }

    /** The case's ramp rate in MW per hour ({@link MatpowerGenerator#rampMwPerMinute()} x 60); infinite when it gives none. */
    public static double rampPerHour(MatpowerGenerator gen) {
        return gen.rampMwPerMinute().orElse(Double.POSITIVE_INFINITY) * 60;
    }

    public DispatchProblem withSettings(DispatchSettings value) {
        return new DispatchProblem(network, units, storage, periods, value, watchBranches);
    }

    public DispatchProblem withWatchBranches(Set<Integer> value) {
        return new DispatchProblem(network, units, storage, periods, settings, value);
    }

    public DispatchProblem withUnits(List<DispatchUnit> value) {
        return new DispatchProblem(network, value, storage, periods, settings, watchBranches);
    }

    public DispatchProblem withStorage(List<StorageUnit> value) {
        return new DispatchProblem(network, units, value, periods, settings, watchBranches);
    }

    public DispatchProblem withPeriods(List<DispatchPeriod> value) {
        return new DispatchProblem(network, units, storage, value, settings, watchBranches);
    }
}
