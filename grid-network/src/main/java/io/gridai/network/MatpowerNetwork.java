package io.gridai.network;

import com.powsybl.commons.datasource.ReadOnlyMemDataSource;
import com.powsybl.iidm.network.Branch;
import com.powsybl.iidm.network.Bus;
import com.powsybl.iidm.network.Generator;
import com.powsybl.iidm.network.Load;
import com.powsybl.iidm.network.Network;
import com.powsybl.iidm.network.NetworkFactory;
import com.powsybl.iidm.network.ShuntCompensatorAdder;
import com.powsybl.iidm.network.VoltageLevel;
import com.powsybl.matpower.converter.MatpowerImporter;
import com.powsybl.matpower.model.MBranch;
import com.powsybl.matpower.model.MBus;
import com.powsybl.matpower.model.MGen;
import com.powsybl.matpower.model.MatpowerFormatVersion;
import com.powsybl.matpower.model.MatpowerModel;
import com.powsybl.matpower.model.MatpowerWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * A MATPOWER case as a PowSyBl IIDM {@link Network}, with the mapping from MATPOWER numbering to IIDM ids.
 *
 * <p>Built by PowSyBl's own MATPOWER converter: the case fills PowSyBl's {@link MatpowerModel}, which is written
 * as a MAT-file in memory ({@link MatpowerWriter}) and imported by {@link MatpowerImporter} (the importer's
 * conversion is only reachable through a data source). IIDM ids are the importer's: {@code BUS-n},
 * {@code GEN-n} ({@code GEN-n#0}, {@code GEN-n#1} ... for further generators of bus n), {@code LOAD-n},
 * {@code SHUNT-n}, {@code LINE-f-t} and {@code TWT-f-t} (with {@code #0} ... for parallel branches). Nominal
 * voltages are the buses' BASE_KV (1 kV where BASE_KV is 0).
 *
 * <p>Then the network is given MATPOWER's power flow meaning where the plain import differs:
 * <ul>
 *   <li>a bus with GS but no BS gets a shunt compensator for its conductance (the importer creates shunts only
 *       for BS &ne; 0, and would drop GS);</li>
 *   <li>generators at buses solved as PQ ({@link PowerFlowBusType}) do not regulate voltage: they inject PG, QG;</li>
 *   <li>all in-service generators of a PV or slack bus regulate to the VG of the bus's last in-service generator
 *       (the value {@code runpf} ends up using when they differ);</li>
 *   <li>branches and generators at isolated buses (type 4) are disconnected, as {@code ext2int} removes them.</li>
 * </ul>
 * Reactive limits are written as given (QMIN/QMAX, swapped if inverted; a PQ capability curve only when PC1 &lt; PC2),
 * PMIN/PMAX likewise; MBASE &le; 0 is left undefined.
 *
 * <p>The network is mutable and not thread-safe; {@link AcPowerFlow} writes its results into it, and
 * {@link #withOperatingPoint} moves it to new demands and generator outputs (after which only the returned record
 * describes it).
 *
 * @param matpowerCase the case
 * @param network      the IIDM network
 * @param busIds       MATPOWER bus number to IIDM bus-breaker-view bus id, in case order
 * @param generatorIds IIDM generator id of each case generator, in case order
 * @param branchIds    IIDM line or two-winding transformer id of each case branch, in case order
 */
public record MatpowerNetwork(MatpowerCase matpowerCase, Network network, Map<Integer, String> busIds,
                              List<String> generatorIds, List<String> branchIds) {

    private static final String IGNORE_BASE_VOLTAGE = "matpower.import.ignore-base-voltage";
    /** The importer's load ids: {@code LOAD-n} at bus n, one load per bus with PD or QD non-zero. */
    private static final String LOAD_PREFIX = "LOAD-";

    public MatpowerNetwork {
        Objects.requireNonNull(matpowerCase, "matpowerCase");
        Objects.requireNonNull(network, "network");
        busIds = Collections.unmodifiableMap(new LinkedHashMap<>(busIds));
        generatorIds = List.copyOf(generatorIds);
        branchIds = List.copyOf(branchIds);
    }

    /**
     * Builds the IIDM network of a case.
     *
     * @throws GridNetworkException when PowSyBl rejects the data
     */
    public static MatpowerNetwork of(MatpowerCase matpowerCase) {
        Objects.requireNonNull(matpowerCase, "matpowerCase");
        List<PowerFlowBusType> types = PowerFlowBusType.of(matpowerCase);
        MatpowerModel model = toModel(matpowerCase);
        Network network = importModel(model);

        Map<Integer, String> busIds = new LinkedHashMap<>();
        for (MatpowerBus bus : matpowerCase.buses()) {
            busIds.put(bus.number(), "BUS-" + bus.number());
        }
        List<String> generatorIds = generatorIds(matpowerCase);
        List<String> branchIds = branchIds(model);
        MatpowerNetwork result = new MatpowerNetwork(matpowerCase, network, busIds, generatorIds, branchIds);
        result.checkMapping();
        result.addConductanceShunts();
        result.applyPowerFlowVoltageControl(types);
        return result;
    }

    /**
     * Moves the network to a new operating point of the same case, in place, for a fast re-solve: much cheaper than
     * {@link #of} (no MAT-file, no import), for a grid twin that solves the same network again and again with new
     * demands and generator outputs.
     *
     * <p>{@code updated} must have the structure of {@link #matpowerCase()}: the same baseMVA, the same buses,
     * generators and branches in the same order, equal in every column except bus PD, QD, VM, VA and generator
     * PG, QG (the case name and the costs may differ too; the IIDM network keeps its id). The loads' P0 and Q0
     * become PD and QD ({@code LOAD-n} is created at a bus whose demand becomes non-zero and removed where it
     * becomes zero, as the importer creates loads only where PD or QD is non-zero), the generators' targetP and
     * targetQ become PG and QG, the buses' voltages VM and VA. The fixes {@link #of} applied (conductance shunts,
     * voltage control) depend only on the structure and stay valid; the generators at zero output are picked by
     * {@link AcPowerFlow} at each solve from the current targetP.
     *
     * <p>{@code AcPowerFlow.solve(network.withOperatingPoint(updated), options)} gives the result of
     * {@code AcPowerFlow.solve(MatpowerNetwork.of(updated), options)}.
     *
     * <p><b>This mutates the IIDM network shared with this record</b>: the returned record holds {@code updated} and
     * the same {@link Network} object and id maps; this record no longer describes its network and must not be used
     * afterwards. Not thread-safe.
     *
     * @param updated the new operating point
     * @return a record of {@code updated} and this record's network, now at the new operating point
     * @throws IllegalArgumentException naming the first difference when {@code updated} is not an operating point of
     *                                  this case (or has a non-finite PD, QD, VM, VA, PG or QG, or a negative VM); the
     *                                  network is then left unchanged
     */
    public MatpowerNetwork withOperatingPoint(MatpowerCase updated) {
        Objects.requireNonNull(updated, "updated");
        OperatingPointCheck.requireOperatingPointOf(matpowerCase, updated);
        for (MatpowerBus bus : updated.buses()) {
            String busId = busIds.get(bus.number());
            Bus iidmBus = network.getBusBreakerView().getBus(busId);
            VoltageLevel voltageLevel = iidmBus.getVoltageLevel();
            // as the importer: V from VM and the nominal voltage, angle VA
            iidmBus.setV(bus.vmPu() * voltageLevel.getNominalV()).setAngle(bus.vaDeg());
            String loadId = LOAD_PREFIX + bus.number();
            Load load = network.getLoad(loadId);
            if (bus.pdMw() != 0 || bus.qdMvar() != 0) {
                if (load == null) {
                    // the importer's load: connected, even at an isolated bus (whose branches are out of service)
                    voltageLevel.newLoad()
                            .setId(loadId)
                            .setConnectableBus(busId)
                            .setBus(busId)
                            .setP0(bus.pdMw())
                            .setQ0(bus.qdMvar())
                            .add();
                } else {
                    load.setP0(bus.pdMw()).setQ0(bus.qdMvar());
                }
            } else if (load != null) {
                load.remove();
            }
        }
        for (int g = 0; g < generatorIds.size(); g++) {
            MatpowerGenerator generator = updated.generators().get(g);
            generator(g).setTargetP(generator.pgMw()).setTargetQ(generator.qgMvar());
        }
        return new MatpowerNetwork(updated, network, busIds, generatorIds, branchIds);
    }

    /** The IIDM bus-breaker-view bus of a MATPOWER bus number. */
    public Bus bus(int busNumber) {
        String id = busIds.get(busNumber);
        if (id == null) {
            throw new IllegalArgumentException("no bus " + busNumber + " in case " + matpowerCase.name());
        }
        return network.getBusBreakerView().getBus(id);
    }

    /** The IIDM generator of a case generator (0-based position in the case's generator list). */
    public Generator generator(int index) {
        return network.getGenerator(generatorIds.get(index));
    }

    /** The IIDM line or two-winding transformer of a case branch (0-based position in the case's branch list). */
    public Branch<?> branch(int index) {
        return network.getBranch(branchIds.get(index));
    }

    private static MatpowerModel toModel(MatpowerCase matpowerCase) {
        MatpowerModel model = new MatpowerModel(matpowerCase.name());
        model.setVersion(MatpowerFormatVersion.V2);
        model.setBaseMva(matpowerCase.baseMva());
        boolean withNames = matpowerCase.buses().stream().noneMatch(b -> b.name().isEmpty());
        Set<Integer> isolated = new HashSet<>();
        for (MatpowerBus bus : matpowerCase.buses()) {
            if (bus.type() == BusType.ISOLATED) {
                isolated.add(bus.number());
            }
            MBus mBus = new MBus();
            mBus.setNumber(bus.number());
            mBus.setName(withNames ? bus.name() : null);
            mBus.setType(MBus.Type.fromInt(bus.type().code()));
            mBus.setRealPowerDemand(bus.pdMw());
            mBus.setReactivePowerDemand(bus.qdMvar());
            mBus.setShuntConductance(bus.gsMw());
            mBus.setShuntSusceptance(bus.bsMvar());
            mBus.setAreaNumber(bus.area());
            mBus.setVoltageMagnitude(bus.vmPu());
            mBus.setVoltageAngle(bus.vaDeg());
            mBus.setBaseVoltage(bus.baseKv());
            mBus.setLossZone(bus.zone());
            mBus.setMaximumVoltageMagnitude(bus.vmaxPu());
            mBus.setMinimumVoltageMagnitude(bus.vminPu());
            model.addBus(mBus);
        }
        for (MatpowerGenerator gen : matpowerCase.generators()) {
            MGen mGen = new MGen();
            mGen.setNumber(gen.busNumber());
            mGen.setRealPowerOutput(gen.pgMw());
            mGen.setReactivePowerOutput(gen.qgMvar());
            mGen.setMaximumReactivePowerOutput(Math.max(gen.qmaxMvar(), gen.qminMvar()));
            mGen.setMinimumReactivePowerOutput(Math.min(gen.qmaxMvar(), gen.qminMvar()));
            mGen.setVoltageMagnitudeSetpoint(gen.vgPu());
            mGen.setTotalMbase(gen.mbaseMva() > 0 ? gen.mbaseMva() : 0);
            mGen.setStatus(isolated.contains(gen.busNumber()) ? 0 : gen.status());
            mGen.setMaximumRealPowerOutput(Math.max(gen.pmaxMw(), gen.pminMw()));
            mGen.setMinimumRealPowerOutput(Math.min(gen.pmaxMw(), gen.pminMw()));
            boolean curve = gen.pc1Mw() < gen.pc2Mw() && gen.qc1minMvar() <= gen.qc1maxMvar()
                    && gen.qc2minMvar() <= gen.qc2maxMvar();
            if (curve) {
                mGen.setPc1(gen.pc1Mw());
                mGen.setPc2(gen.pc2Mw());
                mGen.setQc1Min(gen.qc1minMvar());
                mGen.setQc1Max(gen.qc1maxMvar());
                mGen.setQc2Min(gen.qc2minMvar());
                mGen.setQc2Max(gen.qc2maxMvar());
            }
            mGen.setRampAgc(gen.rampAgcMwPerMin());
            mGen.setRampTenMinutes(gen.ramp10Mw());
            mGen.setRampThirtyMinutes(gen.ramp30Mw());
            mGen.setRampQ(gen.rampQMvarPerMin());
            mGen.setApf(gen.apf());
            model.addGenerator(mGen);
        }
        for (MatpowerBranch branch : matpowerCase.branches()) {
            MBranch mBranch = new MBranch();
            mBranch.setFrom(branch.fromBus());
            mBranch.setTo(branch.toBus());
            mBranch.setR(branch.rPu());
            mBranch.setX(branch.xPu());
            mBranch.setB(branch.bPu());
            mBranch.setRateA(branch.rateAMva());
            mBranch.setRateB(branch.rateBMva());
            mBranch.setRateC(branch.rateCMva());
            mBranch.setRatio(branch.tap());
            mBranch.setPhaseShiftAngle(branch.shiftDeg());
            boolean atIsolatedBus = isolated.contains(branch.fromBus()) || isolated.contains(branch.toBus());
            mBranch.setStatus(atIsolatedBus ? 0 : branch.status());
            mBranch.setAngMin(branch.angMinDeg());
            mBranch.setAngMax(branch.angMaxDeg());
            model.addBranch(mBranch);
        }
        return model;
    }

    private static Network importModel(MatpowerModel model) {
        ByteArrayOutputStream mat = new ByteArrayOutputStream();
        boolean withNames = model.getBuses().stream().allMatch(b -> b.getName() != null);
        try {
            MatpowerWriter.write(model, mat, withNames);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write MATPOWER model " + model.getCaseName() + " in memory", e);
        }
        String baseName = model.getCaseName().isBlank() ? "case" : model.getCaseName();
        ReadOnlyMemDataSource dataSource = new ReadOnlyMemDataSource(baseName);
        dataSource.putData(baseName + ".mat", mat.toByteArray());
        Properties parameters = new Properties();
        parameters.setProperty(IGNORE_BASE_VOLTAGE, "false");
        try {
            return new MatpowerImporter().importData(dataSource, NetworkFactory.findDefault(), parameters);
        } catch (com.powsybl.commons.PowsyblException e) {
            throw new GridNetworkException("PowSyBl cannot build the network of case " + model.getCaseName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The ids {@link MatpowerImporter} gives generators: per bus in case bus order, generators in case order. */
    private static List<String> generatorIds(MatpowerCase matpowerCase) {
        Map<Integer, List<Integer>> byBus = new HashMap<>();
        List<MatpowerGenerator> generators = matpowerCase.generators();
        for (int g = 0; g < generators.size(); g++) {
            byBus.computeIfAbsent(generators.get(g).busNumber(), k -> new ArrayList<>()).add(g);
        }
        String[] ids = new String[generators.size()];
        Set<String> used = new HashSet<>();
        for (MatpowerBus bus : matpowerCase.buses()) {
            for (int g : byBus.getOrDefault(bus.number(), List.of())) {
                ids[g] = uniqueId("GEN-" + bus.number(), used);
            }
        }
        return List.of(ids);
    }

    private static List<String> branchIds(MatpowerModel model) {
        Set<String> used = new HashSet<>();
        List<String> ids = new ArrayList<>();
        List<MBranch> branches = model.getBranches();
        for (MBranch branch : branches) {
            String prefix = isImportedAsLine(model, branch) ? "LINE-" : "TWT-";
            ids.add(uniqueId(prefix + branch.getFrom() + "-" + branch.getTo(), used));
        }
        return ids;
    }

    /** The importer's rule: a branch without phase shift whose ratio is 0, or 1 between equal base voltages. */
    private static boolean isImportedAsLine(MatpowerModel model, MBranch branch) {
        if (branch.getPhaseShiftAngle() != 0) {
            return false;
        }
        if (branch.getRatio() == 0) {
            return true;
        }
        return branch.getRatio() == 1
                && model.getBusByNum(branch.getFrom()).getBaseVoltage() == model.getBusByNum(branch.getTo()).getBaseVoltage();
    }

    /** PowSyBl's {@code Identifiables.getUniqueId}: the id, else id#0, id#1, ... */
    private static String uniqueId(String baseId, Set<String> used) {
        String id = baseId;
        int i = 0;
        while (used.contains(id)) {
            id = baseId + "#" + i++;
        }
        used.add(id);
        return id;
    }

    private void checkMapping() {
        for (var entry : busIds.entrySet()) {
            if (network.getBusBreakerView().getBus(entry.getValue()) == null) {
                throw new GridNetworkException("bus " + entry.getKey() + " of case " + matpowerCase.name()
                        + " was not imported as " + entry.getValue());
            }
        }
        for (int g = 0; g < generatorIds.size(); g++) {
            Generator generator = network.getGenerator(generatorIds.get(g));
            String expectedBus = busIds.get(matpowerCase.generators().get(g).busNumber());
            if (generator == null
                    || !generator.getTerminal().getBusBreakerView().getConnectableBus().getId().equals(expectedBus)
                    || Double.compare(generator.getTargetP(), matpowerCase.generators().get(g).pgMw()) != 0) {
                throw new GridNetworkException("generator " + (g + 1) + " of case " + matpowerCase.name()
                        + " was not imported as " + generatorIds.get(g));
            }
        }
        for (int l = 0; l < branchIds.size(); l++) {
            Branch<?> branch = network.getBranch(branchIds.get(l));
            MatpowerBranch expected = matpowerCase.branches().get(l);
            if (branch == null
                    || !branch.getTerminal1().getBusBreakerView().getConnectableBus().getId().equals(busIds.get(expected.fromBus()))
                    || !branch.getTerminal2().getBusBreakerView().getConnectableBus().getId().equals(busIds.get(expected.toBus()))) {
                throw new GridNetworkException("branch " + (l + 1) + " of case " + matpowerCase.name()
                        + " was not imported as " + branchIds.get(l));
            }
        }
    }

    /** The importer creates a shunt only where BS is non-zero: add the conductance-only ones (GS &ne; 0, BS = 0). */
    private void addConductanceShunts() {
        for (MatpowerBus bus : matpowerCase.buses()) {
            if (bus.gsMw() == 0 || bus.bsMvar() != 0) {
                continue;
            }
            String busId = busIds.get(bus.number());
            VoltageLevel voltageLevel = network.getBusBreakerView().getBus(busId).getVoltageLevel();
            double zb = voltageLevel.getNominalV() * voltageLevel.getNominalV() / matpowerCase.baseMva();
            boolean connected = bus.type() != BusType.ISOLATED;
            ShuntCompensatorAdder adder = voltageLevel.newShuntCompensator()
                    .setId("SHUNT-" + bus.number())
                    .setEnsureIdUnicity(true)
                    .setConnectableBus(busId)
                    .setBus(connected ? busId : null)
                    .setVoltageRegulatorOn(false)
                    .setSectionCount(1);
            adder.newLinearModel()
                    .setGPerSection(bus.gsMw() / matpowerCase.baseMva() / zb)
                    .setBPerSection(0)
                    .setMaximumSectionCount(1)
                    .add();
            adder.add();
        }
    }

    private void applyPowerFlowVoltageControl(List<PowerFlowBusType> types) {
        Map<Integer, Integer> index = matpowerCase.busIndexByNumber();
        Map<Integer, Double> busVg = new HashMap<>();
        List<MatpowerGenerator> generators = matpowerCase.generators();
        for (MatpowerGenerator generator : generators) {
            if (generator.inService()) {
                busVg.put(generator.busNumber(), generator.vgPu());
            }
        }
        for (int g = 0; g < generators.size(); g++) {
            MatpowerGenerator generator = generators.get(g);
            PowerFlowBusType type = types.get(index.get(generator.busNumber()));
            Generator iidm = generator(g);
            if (type == PowerFlowBusType.PQ) {
                iidm.setVoltageRegulatorOn(false);
            } else if (type != PowerFlowBusType.ISOLATED && generator.inService()
                    && busVg.get(generator.busNumber()) > 0) {
                double nominalV = iidm.getTerminal().getVoltageLevel().getNominalV();
                iidm.setTargetV(busVg.get(generator.busNumber()) * nominalV);
                iidm.setVoltageRegulatorOn(true);
            }
        }
    }
}
