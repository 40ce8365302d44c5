package io.gridai.gateway.review.study;

import com.powsybl.contingency.BranchContingency;
import com.powsybl.contingency.Contingency;
import com.powsybl.contingency.ContingencyContext;
import com.powsybl.iidm.network.Branch;
import com.powsybl.iidm.network.Bus;
import com.powsybl.iidm.network.Load;
import com.powsybl.iidm.network.Network;
import com.powsybl.iidm.network.VariantManager;
import com.powsybl.iidm.network.VariantManagerConstants;
import com.powsybl.loadflow.LoadFlowParameters;
import com.powsybl.loadflow.LoadFlowResult;
import com.powsybl.openloadflow.sa.OpenSecurityAnalysisParameters;
import com.powsybl.openloadflow.sa.OpenSecurityAnalysisProvider;
import com.powsybl.security.BusBreakerViolationLocation;
import com.powsybl.security.LimitViolation;
import com.powsybl.security.LimitViolationFilter;
import com.powsybl.security.LimitViolationType;
import com.powsybl.security.SecurityAnalysis;
import com.powsybl.security.SecurityAnalysisParameters;
import com.powsybl.security.SecurityAnalysisReport;
import com.powsybl.security.SecurityAnalysisResult;
import com.powsybl.security.SecurityAnalysisRunParameters;
import com.powsybl.security.monitor.StateMonitor;
import com.powsybl.security.results.BranchResult;
import com.powsybl.security.results.BusResult;
import com.powsybl.security.results.NetworkResult;
import com.powsybl.security.results.PostContingencyResult;
import io.gridai.model.id.AssetId;
import io.gridai.network.BatteryPlacement;
import io.gridai.network.CaseGenerators;
import io.gridai.network.CaseGenerators.CaseGenerator;
import io.gridai.network.GeneratorNamesFile;
import io.gridai.network.GridAssetNames;
import io.gridai.network.MatpowerBranch;
import io.gridai.network.MatpowerBus;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerNetwork;
import io.gridai.network.PowerFlowBusType;
import io.gridai.network.SetpointEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grid studies are run on: a MATPOWER case as an IIDM network (built once), its asset ids as the twin names them
 * ({@link GridAssetNames}, {@link CaseGenerators}), its branch ratings (RATE_A, or given where the case has none) and
 * bus voltage limits (VMIN, VMAX).
 *
 * <p>A study ({@link #study}) works on a copy of the network state — an IIDM variant cloned from the case's, removed
 * afterwards — so nothing of it stays: it applies the live values (generators' outputs as targets, loads' demands with
 * their case power factor), then the change (generators' setpoints, branch outages), and runs OpenLoadFlow's AC
 * security analysis: the AC power flow of the resulting state (N) and, when asked, one AC power flow per in-service
 * branch outage (N-1), each warm-started from N within one OpenLoadFlow network. The power flow is MATPOWER's
 * ({@code io.gridai.network.AcPowerFlow}): one slack bus (the case's reference bus) takes the whole imbalance,
 * reactive limits not enforced, no transformer or shunt control.
 *
 * <p>Studies run on {@value #STUDY_SLOTS} IIDM variants made once at construction (study slots; with OpenLoadFlow
 * threads above one, which make variants of their own, one slot): up to that many studies of one grid run at once, each
 * on its own slot (reset from the case's variant at its start), so that a review can study the state without and
 * with a proposal side by side. Variants are never added or removed while a study runs, which PowSyBl's variant
 * manager does not allow concurrently with reads.
 */
public final class StudyGrid {

    private static final Logger LOG = LoggerFactory.getLogger(StudyGrid.class);
    /** The twin's ramp rule for rows of {@code mpc.gen} that give none: 2 % of PMAX per minute. */
    public static final double DEFAULT_RAMP_PER_MINUTE = 0.02;
    private static final String LOAD_PREFIX = "load-";

    private final MatpowerCase matpowerCase;
    private final MatpowerNetwork network;
    private final StudyOptions options;
    private final Map<AssetId, CaseGenerator> generators = new LinkedHashMap<>();
    private final Map<AssetId, BatteryPlacement> batteries = new LinkedHashMap<>();
    /** The IIDM generator of every unit a setpoint may move: the case's generators and the batteries. */
    private final Map<AssetId, String> generatorIidm = new HashMap<>();
    private final Map<AssetId, Integer> branchIndex = new HashMap<>();
    private final Map<String, Integer> branchByIidm = new HashMap<>();
    private final Map<String, Integer> busByResultId = new HashMap<>();
    private final Map<String, List<Integer>> busesByVoltageLevel = new HashMap<>();
    private final StudyResult.Index index;
    private final double[] loadPowerFactorRatio;
    private final double[] nominalKv;
    private final String slackLfBusId;
    /**
     * Where OpenLoadFlow's security analyses run: PowSyBl's default computation manager runs them on the JVM's common
     * fork-join pool, whose parallelism is the number of cores less one (one thread on a 2-core machine), which would
     * serialise studies meant to run side by side. Daemon threads; shared by every grid of the JVM.
     */
    private static final java.util.function.Supplier<com.powsybl.computation.ComputationManager> COMPUTATIONS =
            new java.util.function.Supplier<>() {
                private volatile com.powsybl.computation.ComputationManager manager;

                @Override
                public synchronized com.powsybl.computation.ComputationManager get() {
                    if (manager == null) {
                        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newCachedThreadPool(r -> {
                            Thread t = new Thread(r, "study-computation");
                            t.setDaemon(true);
                            return t;
                        });
                        try {
                            manager = new com.powsybl.computation.local.LocalComputationManager(executor);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException("PowSyBl's local computation manager could not start: "
                                    + e.getMessage(), e);
                        }
                    }
                    return manager;
                }
            };

    /** How many studies of one grid may run at once: the state without and with a proposal. */
    public static final int STUDY_SLOTS = 2;
    private final java.util.concurrent.BlockingQueue<String> slots;

    private StudyGrid(MatpowerCase matpowerCase, List<CaseGenerator> caseGenerators, Map<AssetId, Double> ratingsMva,
                      List<BatteryPlacement> batteryPlacements, StudyOptions options) {
        this.matpowerCase = matpowerCase;
        this.options = options;
        this.network = MatpowerNetwork.of(matpowerCase);
        network.network().getVariantManager().allowVariantMultiThreadAccess(true);
        network.network().getVariantManager().setWorkingVariant(VariantManagerConstants.INITIAL_VARIANT_ID);
        for (CaseGenerator g : caseGenerators) {
            generators.put(g.asset(), g);
            generatorIidm.put(g.asset(), network.generatorIds().get(g.row()));
        }
        List<AssetId> branchAssets = GridAssetNames.branches(matpowerCase);
        double[] ratings = new double[branchAssets.size()];
        Set<AssetId> unknownRatings = new HashSet<>(ratingsMva.keySet());
        for (int i = 0; i < branchAssets.size(); i++) {
            AssetId asset = branchAssets.get(i);
            MatpowerBranch branch = matpowerCase.branches().get(i);
            branchIndex.put(asset, i);
            branchByIidm.put(network.branchIds().get(i), i);
            Double given = ratingsMva.get(asset);
            unknownRatings.remove(asset);
            ratings[i] = given != null ? given : branch.rateAMva() > 0 ? branch.rateAMva() : Double.NaN;
        }
        if (!unknownRatings.isEmpty()) {
            throw new IllegalArgumentException("ratings given for branches case " + matpowerCase.name() + " does not have: "
                    + unknownRatings + "; branch ids are branch-<from>-<to>[-k]");
        }
        List<AssetId> busAssets = new ArrayList<>();
        List<MatpowerBus> buses = matpowerCase.buses();
        double[] vmin = new double[buses.size()];
        double[] vmax = new double[buses.size()];
        loadPowerFactorRatio = new double[buses.size()];
        nominalKv = new double[buses.size()];
        for (int i = 0; i < buses.size(); i++) {
            MatpowerBus bus = buses.get(i);
            busAssets.add(GridAssetNames.bus(bus.number()));
            vmin[i] = bus.vminPu();
            vmax[i] = bus.vmaxPu();
            loadPowerFactorRatio[i] = bus.pdMw() != 0 ? bus.qdMvar() / bus.pdMw() : 0;
            Bus iidm = network.bus(bus.number());
            nominalKv[i] = iidm.getVoltageLevel().getNominalV();
            busByResultId.put(iidm.getId(), i);
            Bus merged = iidm.getVoltageLevel().getBusView().getMergedBus(iidm.getId());
            if (merged != null) {
                busByResultId.put(merged.getId(), i);
            }
        }
        this.index = new StudyResult.Index(List.copyOf(branchAssets), ratings, List.copyOf(busAssets), vmin, vmax,
                options.reportLoadingPct());
        setLimits(ratings, buses);
        int slack = PowerFlowBusType.of(matpowerCase).indexOf(PowerFlowBusType.SLACK);
        if (slack < 0) {
            throw new IllegalArgumentException("case " + matpowerCase.name() + " has no bus that can be the slack bus");
        }
        Bus slackBus = network.bus(buses.get(slack).number());
        this.slackLfBusId = slackBus.getVoltageLevel().getBusView().getMergedBus(slackBus.getId()).getId();
        for (BatteryPlacement b : batteryPlacements) {
            if (generators.containsKey(b.asset()) || batteries.containsKey(b.asset())) {
                throw new IllegalArgumentException("battery " + b.asset() + " has the id of another unit of case "
                        + matpowerCase.name());
            }
            Bus bus = network.bus(b.busNumber());
            String id = "BATTERY-" + b.asset().value();
            bus.getVoltageLevel().newGenerator()
                    .setId(id)
                    .setBus(bus.getId())
                    .setConnectableBus(bus.getId())
                    .setMinP(-b.powerMw())
                    .setMaxP(b.powerMw())
                    .setTargetP(0)
                    .setTargetQ(0)
                    .setVoltageRegulatorOn(false)
                    .add();
            batteries.put(b.asset(), b);
            generatorIidm.put(b.asset(), id);
        }
        // the study slots last: every element exists in them
        int slotCount = options.threadCount() > 1 ? 1 : STUDY_SLOTS;
        this.slots = new java.util.concurrent.ArrayBlockingQueue<>(slotCount);
        for (int i = 0; i < slotCount; i++) {
            String slot = "study-slot-" + i;
            network.network().getVariantManager().cloneVariant(VariantManagerConstants.INITIAL_VARIANT_ID, slot);
            slots.add(slot);
        }
    }

    /**
     * The limits OpenLoadFlow checks after each outage: an apparent power limit at both ends of each rated branch at
     * {@link StudyOptions#reportLoadingPct()} of its rating (replacing any the importer made), and each bus's voltage
     * level limits at VMIN and VMAX.
     */
    private void setLimits(double[] ratings, List<MatpowerBus> buses) {
        for (int i = 0; i < ratings.length; i++) {
            if (Double.isNaN(ratings[i])) {
                continue;
            }
            Branch<?> branch = network.branch(i);
            double limit = ratings[i] * options.reportLoadingPct() / 100.0;
            branch.newApparentPowerLimits1().setPermanentLimit(limit).add();
            branch.newApparentPowerLimits2().setPermanentLimit(limit).add();
        }
        for (int i = 0; i < buses.size(); i++) {
            String vl = network.bus(buses.get(i).number()).getVoltageLevel().getId();
            busesByVoltageLevel.computeIfAbsent(vl, k -> new ArrayList<>()).add(i);
        }
        // a level holding several buses gets the loosest of their limits; each bus is judged on its own afterwards
        busesByVoltageLevel.forEach((id, members) -> {
            double low = members.stream().mapToDouble(i -> buses.get(i).vminPu()).min().orElseThrow();
            double high = members.stream().mapToDouble(i -> buses.get(i).vmaxPu()).max().orElseThrow();
            com.powsybl.iidm.network.VoltageLevel vl = network.network().getVoltageLevel(id);
            if (low > 0 && high > low) {
                vl.setLowVoltageLimit(Double.NaN);
                vl.setHighVoltageLimit(high * vl.getNominalV());
                vl.setLowVoltageLimit(low * vl.getNominalV());
            }
        });
    }

    /** The grid of a case with the twin's default generator names and ramps, the case's ratings. */
    public static StudyGrid of(MatpowerCase matpowerCase) {
        return of(matpowerCase, CaseGenerators.of(matpowerCase, GeneratorNamesFile.none(), DEFAULT_RAMP_PER_MINUTE), Map.of(),
                StudyOptions.defaults());
    }

    /**
     * The grid of a case.
     *
     * @param generators the case's generators as the twin names them ({@link CaseGenerators#of})
     * @param ratingsMva branch ratings, MVA, replacing RATE_A (a case like IEEE 118 has none: no overload is then seen)
     * @throws IllegalArgumentException when a rating names a branch the case does not have, or no bus can be slack
     */
    public static StudyGrid of(MatpowerCase matpowerCase, List<CaseGenerator> generators, Map<AssetId, Double> ratingsMva,
                               StudyOptions options) {
        return of(matpowerCase, generators, ratingsMva, List.of(), options);
    }

    /**
     * The grid of a case with batteries placed at its buses (as the twin places them): each is studied as an injection
     * at its bus, its ACTIVE_POWER in generator sign (discharging positive) within its power limit, no voltage control.
     *
     * @throws IllegalArgumentException as above, or when a battery's bus is not in the case or its id is a generator's
     */
    public static StudyGrid of(MatpowerCase matpowerCase, List<CaseGenerator> generators, Map<AssetId, Double> ratingsMva,
                               List<BatteryPlacement> batteries, StudyOptions options) {
        return new StudyGrid(Objects.requireNonNull(matpowerCase), List.copyOf(generators), Map.copyOf(ratingsMva),
                List.copyOf(batteries), Objects.requireNonNull(options));
    }

    /** The case's name. */
    public String caseName() {
        return matpowerCase.name();
    }

    /** The case. */
    public MatpowerCase matpowerCase() {
        return matpowerCase;
    }

    /** The generator of that asset id. */
    public Optional<CaseGenerator> generator(AssetId asset) {
        return Optional.ofNullable(generators.get(asset));
    }

    /** The battery of that id, if one is placed. */
    public Optional<BatteryPlacement> battery(AssetId asset) {
        return Optional.ofNullable(batteries.get(asset));
    }

    /** Whether a setpoint may move this asset: a generator of the case or a placed battery. */
    public boolean controls(AssetId asset) {
        return generatorIidm.containsKey(asset);
    }

    /**
     * The active power range of a unit a setpoint may move, MW in generator sign: a generator's [PMIN, PMAX], a
     * battery's [-power, +power]; empty for any other asset.
     */
    public Optional<double[]> activePowerRange(AssetId asset) {
        CaseGenerator g = generators.get(asset);
        if (g != null) {
            return Optional.of(new double[] {g.pminMw(), g.pmaxMw()});
        }
        BatteryPlacement b = batteries.get(asset);
        return b == null ? Optional.empty() : Optional.of(new double[] {-b.powerMw(), b.powerMw()});
    }

    /** The generators, in case order. */
    public List<CaseGenerator> generators() {
        return List.copyOf(generators.values());
    }

    /** The branches' asset ids, in case order. */
    public List<AssetId> branches() {
        return index.branches();
    }

    /** A branch's rating, MVA; empty when unrated. */
    public OptionalDouble ratingMva(AssetId branch) {
        Integer i = branchIndex.get(branch);
        return i == null || Double.isNaN(index.ratingMva()[i]) ? OptionalDouble.empty() : OptionalDouble.of(index.ratingMva()[i]);
    }

    /** The generators' limits as {@link SetpointEnvelope} checks them (no batteries). */
    public SetpointEnvelope.Grid envelopeGrid() {
        return new SetpointEnvelope.Grid() {
            @Override
            public String caseName() {
                return matpowerCase.name();
            }

            @Override
            public Optional<SetpointEnvelope.Unit> unit(String asset) {
                return generator(AssetId.of(asset)).map(g -> new SetpointEnvelope.Unit(asset, g.pminMw(), g.pmaxMw(),
                        g.rampMwPerHour(), g.slack()));
            }

            @Override
            public Optional<io.gridai.network.BatteryPlacement> battery(String asset) {
                return StudyGrid.this.battery(AssetId.of(asset));
            }
        };
    }

    /**
     * Studies a change on a copy of the live state; nothing is kept.
     *
     * @throws IllegalArgumentException when a setpoint names no generator of the case, or an outage no branch
     */
    public StudyResult study(StudyRequest request) {
        for (AssetId asset : request.setpointsMw().keySet()) {
            if (!generatorIidm.containsKey(asset)) {
                throw new IllegalArgumentException(asset + " is not a generator of case " + matpowerCase.name()
                        + " nor a placed battery; setpoints go to generators (gen-...) and batteries");
            }
        }
        for (AssetId asset : request.branchOutages()) {
            if (!branchIndex.containsKey(asset)) {
                throw new IllegalArgumentException(asset + " is not a branch of case " + matpowerCase.name()
                        + "; branches are branch-<from>-<to>[-k]");
            }
        }
        long started = System.nanoTime();
        Network iidm = network.network();
        VariantManager variantManager = iidm.getVariantManager();
        String slot = takeSlot();
        try {
            // the slot's state is reset from the case's; no variant is added or removed
            variantManager.cloneVariant(VariantManagerConstants.INITIAL_VARIANT_ID, slot, true);
            variantManager.setWorkingVariant(slot);
            Set<AssetId> ignored = applyLive(iidm, request.liveMw());
            request.setpointsMw().forEach((asset, mw) -> iidm.getGenerator(generatorIidm.get(asset)).setTargetP(mw));
            Set<Integer> out = new HashSet<>();
            for (AssetId asset : request.branchOutages()) {
                int i = branchIndex.get(asset);
                Branch<?> branch = network.branch(i);
                branch.getTerminal1().disconnect();
                branch.getTerminal2().disconnect();
                out.add(i);
            }
            List<Contingency> contingencies = request.n1() ? contingencies(iidm, out) : List.of();
            SecurityAnalysisResult result = run(iidm, slot, contingencies);
            return toResult(result, ignored, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            variantManager.setWorkingVariant(VariantManagerConstants.INITIAL_VARIANT_ID);
            slots.add(slot);
        }
    }

    private String takeSlot() {
        try {
            return slots.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a study slot of case " + matpowerCase.name(), e);
        }
    }

    private Set<AssetId> applyLive(Network iidm, Map<AssetId, Double> liveMw) {
        Set<AssetId> ignored = new HashSet<>();
        Map<Integer, Integer> busIndex = matpowerCase.busIndexByNumber();
        liveMw.forEach((asset, mw) -> {
            String generatorId = generatorIidm.get(asset);
            if (generatorId != null) {
                iidm.getGenerator(generatorId).setTargetP(mw);
                return;
            }
            String id = asset.value();
            if (id.startsWith(LOAD_PREFIX)) {
                Integer busNumber = parseBus(id.substring(LOAD_PREFIX.length()));
                Load load = busNumber == null ? null : iidm.getLoad("LOAD-" + busNumber);
                if (load != null) {
                    double p0 = -mw; // generator convention: a consuming load is negative
                    load.setP0(p0).setQ0(p0 * loadPowerFactorRatio[busIndex.get(busNumber)]);
                    return;
                }
            }
            ignored.add(asset);
        });
        return ignored;
    }

    private static Integer parseBus(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private List<Contingency> contingencies(Network iidm, Set<Integer> out) {
        List<Contingency> list = new ArrayList<>();
        for (int i = 0; i < index.branches().size(); i++) {
            if (out.contains(i) || !matpowerCase.branches().get(i).inService()) {
                continue;
            }
            Branch<?> branch = network.branch(i);
            if (!branch.getTerminal1().isConnected() || !branch.getTerminal2().isConnected()) {
                continue;
            }
            list.add(new Contingency(index.branches().get(i).value(), new BranchContingency(branch.getId())));
        }
        return list;
    }

    private SecurityAnalysisResult run(Network iidm, String variant, List<Contingency> contingencies) {
        // every violation after an outage is reported, also one the state without outage already has
        SecurityAnalysisParameters parameters = new SecurityAnalysisParameters()
                .setLoadFlowParameters(loadFlowParameters())
                .setIncreasedViolationsParameters(new SecurityAnalysisParameters.IncreasedViolationsParameters()
                        .setFlowProportionalThreshold(0)
                        .setLowVoltageProportionalThreshold(0)
                        .setLowVoltageAbsoluteThreshold(0)
                        .setHighVoltageProportionalThreshold(0)
                        .setHighVoltageAbsoluteThreshold(0));
        parameters.addExtension(OpenSecurityAnalysisParameters.class,
                new OpenSecurityAnalysisParameters().setThreadCount(options.threadCount()));
        // every flow and voltage without outage; after outages only the limits (much cheaper than every flow)
        StateMonitor monitorN = new StateMonitor(ContingencyContext.none(), new HashSet<>(network.branchIds()),
                voltageLevelIds(iidm), Set.of());
        SecurityAnalysisRunParameters run = new SecurityAnalysisRunParameters()
                .setComputationManager(COMPUTATIONS.get())
                .setSecurityAnalysisParameters(parameters)
                .setFilter(new LimitViolationFilter(EnumSet.of(LimitViolationType.APPARENT_POWER,
                        LimitViolationType.LOW_VOLTAGE, LimitViolationType.HIGH_VOLTAGE)))
                .addMonitor(monitorN);
        SecurityAnalysisReport report = new SecurityAnalysis.Runner(new OpenSecurityAnalysisProvider())
                .run(iidm, variant, n -> contingencies, run);
        return report.getResult();
    }

    private static Set<String> voltageLevelIds(Network iidm) {
        Set<String> ids = new HashSet<>();
        iidm.getVoltageLevels().forEach(vl -> ids.add(vl.getId()));
        return ids;
    }

    private LoadFlowParameters loadFlowParameters() {
        return io.gridai.network.AcPowerFlow.matpowerParameters(slackLfBusId, LoadFlowParameters.VoltageInitMode.DC_VALUES,
                options.maxIterations(), options.toleranceMw());
    }

    private StudyResult toResult(SecurityAnalysisResult result, Set<AssetId> ignored, Duration duration) {
        LoadFlowResult.ComponentResult.Status preStatus = result.getPreContingencyResult().getStatus();
        boolean converged = preStatus == LoadFlowResult.ComponentResult.Status.CONVERGED;
        NetworkResult pre = result.getPreContingencyResult().getNetworkResult();
        StudyResult.State n = state(converged, preStatus.name(), pre);
        Map<AssetId, StudyResult.State> outages = new LinkedHashMap<>();
        for (PostContingencyResult post : result.getPostContingencyResults()) {
            String status = post.getStatus().name();
            boolean ok = post.getStatus() == com.powsybl.security.PostContingencyComputationStatus.CONVERGED
                    || post.getStatus() == com.powsybl.security.PostContingencyComputationStatus.NO_IMPACT;
            outages.put(AssetId.of(post.getContingency().getId()), violationState(ok, status,
                    post.getLimitViolationsResult().getLimitViolations()));
        }
        List<BranchFlow> flows = new ArrayList<>();
        List<BusVoltage> voltages = new ArrayList<>();
        if (converged) {
            for (BranchResult b : pre.getBranchResults()) {
                Integer i = branchByIidm.get(b.getBranchId());
                if (i != null && !Double.isNaN(b.getP1())) {
                    flows.add(new BranchFlow(index.branches().get(i), b.getP1(), b.getQ1(), b.getP2(), b.getQ2(),
                            index.ratingMva()[i], n.loadingPct()[i]));
                }
            }
            flows.sort((a, b) -> Integer.compare(branchIndex.get(a.branch()), branchIndex.get(b.branch())));
            for (int i = 0; i < n.vPu().length; i++) {
                if (!Double.isNaN(n.vPu()[i])) {
                    voltages.add(new BusVoltage(index.buses().get(i), n.vPu()[i], angle(pre, i), index.vminPu()[i],
                            index.vmaxPu()[i]));
                }
            }
        }
        if (!converged) {
            LOG.info("study=not-converged case={} status={}", matpowerCase.name(), preStatus);
        }
        return new StudyResult(matpowerCase.name(), index, n, outages, flows, voltages, ignored, duration);
    }

    private double angle(NetworkResult pre, int busIndex) {
        for (BusResult b : pre.getBusResults()) {
            Integer i = busByResultId.get(b.getBusId());
            if (i != null && i == busIndex) {
                return b.getAngle();
            }
        }
        return Double.NaN;
    }

    private StudyResult.State state(boolean converged, String status, NetworkResult result) {
        double[] loading = new double[index.branches().size()];
        double[] v = new double[index.buses().size()];
        Arrays.fill(loading, Double.NaN);
        Arrays.fill(v, Double.NaN);
        if (converged && result != null) {
            for (BranchResult b : result.getBranchResults()) {
                Integer i = branchByIidm.get(b.getBranchId());
                double rating = i == null ? Double.NaN : index.ratingMva()[i];
                if (i == null || Double.isNaN(rating)) {
                    continue;
                }
                double s = Math.max(apparent(b.getP1(), b.getQ1()), apparent(b.getP2(), b.getQ2()));
                loading[i] = Double.isNaN(s) ? Double.NaN : 100.0 * s / rating;
            }
            for (BusResult b : result.getBusResults()) {
                Integer i = busByResultId.get(b.getBusId());
                if (i == null || Double.isNaN(b.getV())) {
                    continue;
                }
                v[i] = b.getV() / nominalKv[i];
            }
        }
        return new StudyResult.State(converged, status, loading, v);
    }

    /** A state after an outage, from OpenLoadFlow's violations: loadings from the report threshold up, voltages out of limits. */
    private StudyResult.State violationState(boolean converged, String status, List<LimitViolation> violations) {
        double[] loading = new double[index.branches().size()];
        double[] v = new double[index.buses().size()];
        Arrays.fill(loading, Double.NaN);
        Arrays.fill(v, Double.NaN);
        if (converged) {
            for (LimitViolation violation : violations) {
                switch (violation.getLimitType()) {
                    case APPARENT_POWER -> {
                        Integer i = branchByIidm.get(violation.getSubjectId());
                        if (i != null) {
                            double pct = 100.0 * violation.getValue() / index.ratingMva()[i];
                            loading[i] = Double.isNaN(loading[i]) ? pct : Math.max(loading[i], pct);
                        }
                    }
                    case LOW_VOLTAGE, HIGH_VOLTAGE -> {
                        for (int i : busesOf(violation)) {
                            v[i] = violation.getValue() / nominalKv[i];
                        }
                    }
                    default -> {
                        // other limits (e.g. current limits the importer made from RATE_A) are not the study's
                    }
                }
            }
        }
        return new StudyResult.State(converged, status, loading, v);
    }

    /** The buses a voltage violation is at: its voltage level's only bus, else those its location names (else all). */
    private List<Integer> busesOf(LimitViolation violation) {
        List<Integer> members = busesByVoltageLevel.getOrDefault(violation.getSubjectId(), List.of());
        if (members.size() <= 1) {
            return members;
        }
        List<Integer> located = new ArrayList<>();
        violation.getViolationLocation()
                .filter(location -> location instanceof BusBreakerViolationLocation)
                .ifPresent(location -> ((BusBreakerViolationLocation) location).getBusIds().forEach(id -> {
                    Integer i = busByResultId.get(id);
                    if (i != null && members.contains(i)) {
                        located.add(i);
                    }
                }));
        return located.isEmpty() ? members : located;
    }

    private static double apparent(double p, double q) {
        if (Double.isNaN(p) || Double.isNaN(q)) {
            return Double.NaN;
        }
        return Math.hypot(p, q);
    }
}
