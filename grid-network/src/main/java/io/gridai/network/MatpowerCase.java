package io.gridai.network;

import com.powsybl.iidm.network.Network;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A MATPOWER case (format version 2): buses, generators, branches and generator costs, immutable, in the order of
 * the case file. Read one with {@link MatpowerCaseReader}.
 *
 * <p>Fields of the file that are not kept: {@code mpc.dcline} (MATPOWER's {@code runpf} ignores it too),
 * {@code mpc.areas}, {@code mpc.gentype}, {@code mpc.genfuel} and any other user field.
 *
 * @param name       the case name (by default the file name without {@code .m})
 * @param baseMva    {@code mpc.baseMVA}, the system base, MVA
 * @param buses      {@code mpc.bus}, with names from {@code mpc.bus_name} when present
 * @param generators {@code mpc.gen}
 * @param branches   {@code mpc.branch}
 * @param costs      {@code mpc.gencost}: empty, one cost per generator (active power), or two per generator (the
 *                   first {@code generators.size()} for active power, then one per generator for reactive power)
 */
public record MatpowerCase(String name, double baseMva, List<MatpowerBus> buses, List<MatpowerGenerator> generators,
                           List<MatpowerBranch> branches, List<GeneratorCost> costs) {

    public MatpowerCase {
        Objects.requireNonNull(name, "name");
        if (!(baseMva > 0) || Double.isInfinite(baseMva)) {
            throw new IllegalArgumentException("baseMVA must be positive and finite, got " + baseMva);
        }
        buses = List.copyOf(buses);
        generators = List.copyOf(generators);
        branches = List.copyOf(branches);
        costs = List.copyOf(costs);
        if (buses.isEmpty()) {
            throw new IllegalArgumentException("a case needs at least one bus");
        }
        Set<Integer> numbers = new HashSet<>();
        for (MatpowerBus bus : buses) {
            if (!numbers.add(bus.number())) {
                throw new IllegalArgumentException("bus number " + bus.number() + " appears twice");
            }
        }
        for (int g = 0; g < generators.size(); g++) {
            if (!numbers.contains(generators.get(g).busNumber())) {
                throw new IllegalArgumentException("generator " + (g + 1) + " is at bus " + generators.get(g).busNumber()
                        + ", which is not in the bus list");
            }
        }
        for (int l = 0; l < branches.size(); l++) {
            MatpowerBranch branch = branches.get(l);
            if (!numbers.contains(branch.fromBus()) || !numbers.contains(branch.toBus())) {
                throw new IllegalArgumentException("branch " + (l + 1) + " (" + branch.fromBus() + " - " + branch.toBus()
                        + ") refers to a bus that is not in the bus list");
            }
        }
        if (!costs.isEmpty() && costs.size() != generators.size() && costs.size() != 2 * generators.size()) {
            throw new IllegalArgumentException("gencost must have " + generators.size() + " or " + 2 * generators.size()
                    + " rows (one or two per generator), got " + costs.size());
        }
    }

    /**
     * The MATPOWER case of a PowSyBl IIDM network, as PowSyBl's own {@code MatpowerExporter} writes it (read back
     * from an in-memory MAT-file). What the exporter does, in short:
     * <ul>
     *   <li>only the main synchronous component is exported (with what VSC HVDC links join to it), and only
     *       connected equipment: every status is 1;</li>
     *   <li>bus numbers are kept from importer ids {@code BUS-n} (a network imported from MATPOWER), else numbered
     *       1, 2, ... in bus-view order; {@code bus_name} is the bus-view bus's name or id ({@code VL1_0} ...);</li>
     *   <li>the slack ({@code SlackTerminal} extension, else the bus with the largest generator PMAX sum) is type 3,
     *       buses with a voltage-regulating generator type 2, the others type 1; baseMVA is 100;</li>
     *   <li>loads (with batteries and LCC converters) add up to PD, QD; shunt compensators to GS, BS at nominal
     *       voltage; a generator that does not regulate voltage at a type-2 bus becomes negative demand;</li>
     *   <li>the branches are the lines, then the tie lines, the two-winding transformers, and dangling lines and
     *       three-winding transformers through fictitious buses; RATE_A/B/C come from flow limits, 0 where none;</li>
     *   <li>PMIN, PMAX, QMIN, QMAX are clipped to &plusmn;10 000 (PowSyBl's default export parameters); VMAX, VMIN
     *       come from voltage-level limits, 0 where a level has none.</li>
     * </ul>
     * ANGMIN and ANGMAX, which the exporter leaves at 0 ("no limit" for MATPOWER), are -360 and 360 here. The case
     * has no costs. See {@link IeeeCdfNetworks#matpowerCase(int)} for the IEEE cases with their own bus numbers.
     *
     * @param network the network (its state is read, not changed)
     * @param name    the case name
     * @throws GridNetworkException when PowSyBl cannot export the network, or it exports dc lines (VSC HVDC links
     *                              with voltage control at both ends), which this record does not hold
     */
    public static MatpowerCase fromIidm(Network network, String name) {
        return IidmMatpowerExport.toCase(network, name);
    }

    /** A new map from MATPOWER bus number to the bus's 0-based position in {@link #buses()} (O(n) per call). */
    public Map<Integer, Integer> busIndexByNumber() {
        Map<Integer, Integer> index = new HashMap<>(buses.size() * 2);
        for (int i = 0; i < buses.size(); i++) {
            index.put(buses.get(i).number(), i);
        }
        return index;
    }

    /** The bus with a MATPOWER number, if any (linear search). */
    public Optional<MatpowerBus> bus(int number) {
        return buses.stream().filter(b -> b.number() == number).findFirst();
    }

    /**
     * The active power cost of a generator, if the case has costs.
     *
     * @param generatorIndex 0-based position in {@link #generators()}
     */
    public Optional<GeneratorCost> activePowerCost(int generatorIndex) {
        Objects.checkIndex(generatorIndex, generators.size());
        return costs.isEmpty() ? Optional.empty() : Optional.of(costs.get(generatorIndex));
    }

    /**
     * The reactive power cost of a generator, present only when {@code gencost} has two rows per generator.
     *
     * @param generatorIndex 0-based position in {@link #generators()}
     */
    public Optional<GeneratorCost> reactivePowerCost(int generatorIndex) {
        Objects.checkIndex(generatorIndex, generators.size());
        return costs.size() == 2 * generators.size() && !generators.isEmpty()
                ? Optional.of(costs.get(generators.size() + generatorIndex)) : Optional.empty();
    }

    /** Total active power demand PD over all buses, MW (isolated buses included). */
    public double totalDemandMw() {
        return buses.stream().mapToDouble(MatpowerBus::pdMw).sum();
    }
}
