package io.gridai.network;

import com.powsybl.iidm.network.Branch;
import com.powsybl.iidm.network.Bus;
import com.powsybl.iidm.network.Generator;
import com.powsybl.loadflow.LoadFlow;
import com.powsybl.loadflow.LoadFlowParameters;
import com.powsybl.loadflow.LoadFlowResult;
import com.powsybl.openloadflow.OpenLoadFlowParameters;
import com.powsybl.openloadflow.OpenLoadFlowProvider;
import com.powsybl.openloadflow.ac.solver.NewtonRaphsonStoppingCriteriaType;
import com.powsybl.openloadflow.network.SlackBusSelectionMode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AC power flow of a MATPOWER case with OpenLoadFlow, set up to solve the same problem as MATPOWER's
 * {@code runpf} with its default options (Newton-Raphson, reactive limits not enforced):
 * <ul>
 *   <li>one slack bus, the one {@link PowerFlowBusType} picks (the type-3 bus), which takes the whole active
 *       power imbalance (no distributed slack);</li>
 *   <li>generator reactive limits are not enforced; PV buses hold VG whatever their Q;</li>
 *   <li>transformer ratios and phase shifts are fixed at TAP and SHIFT; no shunt, tap or phase-shifter control;</li>
 *   <li>branch charging is split half at each end of transformers too, as in MATPOWER's branch model;</li>
 *   <li>Newton-Raphson stops when every bus active and reactive power equation is within
 *       {@link AcPowerFlowOptions#toleranceMw()}; it starts from the case's voltages (or flat);</li>
 *   <li>generators at PV buses keep regulating voltage even at zero output with a positive PMIN (OpenLoadFlow
 *       would drop them; they are flagged fictitious for the duration of the solve, which OpenLoadFlow's default
 *       {@code FORCED} check mode keeps regulating).</li>
 * </ul>
 * Angles are reported in MATPOWER's reference: the slack bus keeps the VA of the case file. Generator outputs are
 * split among the generators of a bus as MATPOWER's {@code pfsoln} does. Branch flows are OpenLoadFlow's.
 *
 * <pre>{@code
 * AcPowerFlowResult result = AcPowerFlow.solve(MatpowerCaseReader.read(Path.of("case14.m")));
 * if (result.converged()) {
 *     PowerFlowCsv.write(result, writer);
 * }
 * }</pre>
 *
 * <p>A solve mutates the {@link MatpowerNetwork}'s IIDM state (voltages, flows); it is not thread-safe per network.
 */
public final class AcPowerFlow {

    private static final double EPS = Math.ulp(1.0);
    private static final double SQRT3 = Math.sqrt(3.0);
    /** OpenLoadFlow drops voltage control of a generator whose |targetP| is below this (MW) while PMIN is above it. */
    private static final double OLF_NOT_STARTED_MW = 1e-4;

    private AcPowerFlow() {
    }

    /** Solves a case with {@link AcPowerFlowOptions#defaults()}. */
    public static AcPowerFlowResult solve(MatpowerCase matpowerCase) {
        return solve(matpowerCase, AcPowerFlowOptions.defaults());
    }

    /** Solves a case: builds its IIDM network ({@link MatpowerNetwork#of}) and solves that. */
    public static AcPowerFlowResult solve(MatpowerCase matpowerCase, AcPowerFlowOptions options) {
        return solve(MatpowerNetwork.of(matpowerCase), options);
    }

    /**
     * Solves the network of a case and writes the solution into its IIDM network, which must still hold the case's
     * data (results are reported against the case: demand, shunts and set points are read from it).
     */
    public static AcPowerFlowResult solve(MatpowerNetwork matpowerNetwork, AcPowerFlowOptions options) {
        Objects.requireNonNull(matpowerNetwork, "matpowerNetwork");
        Objects.requireNonNull(options, "options");
        MatpowerCase matpowerCase = matpowerNetwork.matpowerCase();
        List<PowerFlowBusType> types = PowerFlowBusType.of(matpowerCase);
        int slack = types.indexOf(PowerFlowBusType.SLACK);
        if (slack < 0) {
            return failed(matpowerNetwork, types, AcPowerFlowStatus.NO_CALCULATION,
                    "no bus of type 3 or 2 has an in-service generator to be the slack bus", 0);
        }
        MatpowerBus slackBus = matpowerCase.buses().get(slack);
        Bus slackIidmBus = matpowerNetwork.bus(slackBus.number());
        String slackLfBusId = slackIidmBus.getVoltageLevel().getBusView().getMergedBus(slackIidmBus.getId()).getId();
        if (slackIidmBus.getConnectedComponent().getNum() != 0) {
            // OpenLoadFlow solves the largest island only (MATPOWER cannot solve an island without a reference bus)
            return failed(matpowerNetwork, types, AcPowerFlowStatus.NO_CALCULATION,
                    "slack bus " + slackBus.number() + " is not in the largest island", 0);
        }

        if (options.initialState() == AcPowerFlowOptions.InitialState.CASE) {
            setInitialVoltages(matpowerNetwork, types);
        }
        List<Generator> flagged = flagGeneratorsAtZeroOutput(matpowerNetwork, types);
        LoadFlowResult result;
        try {
            result = new LoadFlow.Runner(new OpenLoadFlowProvider())
                    .run(matpowerNetwork.network(), parameters(options, slackLfBusId));
        } finally {
            flagged.forEach(g -> g.setFictitious(false));
        }

        LoadFlowResult.ComponentResult component = result.getComponentResults().stream()
                .filter(c -> c.getConnectedComponentNum() == 0)
                .findFirst()
                .orElse(null);
        if (component == null) {
            return failed(matpowerNetwork, types, AcPowerFlowStatus.NO_CALCULATION, "no component result", 0);
        }
        AcPowerFlowStatus status = status(component);
        if (status != AcPowerFlowStatus.CONVERGED) {
            int iterations = status == AcPowerFlowStatus.MAX_ITERATION_REACHED
                    ? options.maxIterations() : component.getIterationCount();
            return failed(matpowerNetwork, types, status, component.getStatusText(), iterations);
        }
        boolean slackAsAsked = component.getSlackBusResults().stream().anyMatch(s -> s.getId().equals(slackLfBusId));
        if (!slackAsAsked) {
            throw new GridNetworkException("OpenLoadFlow did not use bus " + slackBus.number() + " (" + slackLfBusId
                    + ") as slack bus of case " + matpowerCase.name() + " but " + component.getSlackBusResults());
        }
        return converged(matpowerNetwork, types, slack, component);
    }

    private static LoadFlowParameters parameters(AcPowerFlowOptions options, String slackLfBusId) {
        // OpenLoadFlow reports MAX_ITERATION_REACHED as soon as its count reaches its limit, even when that last
        // iteration converged: one more makes "converged within maxIterations iterations" exact
        return matpowerParameters(slackLfBusId, options.initialState() == AcPowerFlowOptions.InitialState.CASE
                        ? LoadFlowParameters.VoltageInitMode.PREVIOUS_VALUES
                        : LoadFlowParameters.VoltageInitMode.UNIFORM_VALUES,
                options.maxIterations() + 1, options.toleranceMw());
    }

    /**
     * MATPOWER's AC power flow formulation in OpenLoadFlow's terms: one slack bus (OpenLoadFlow's bus id
     * {@code slackLfBusId}) takes the whole imbalance, reactive limits not enforced, no transformer, phase-shifter or
     * shunt control, no plausibility filter on target voltages, Newton-Raphson stopped per equation type at
     * {@code toleranceMw} MW and Mvar. Shared by this class and the agent gateway's security studies, so that both
     * solve the same problem.
     */
    public static LoadFlowParameters matpowerParameters(String slackLfBusId, LoadFlowParameters.VoltageInitMode init,
            int maxNewtonRaphsonIterations, double toleranceMw) {
        LoadFlowParameters parameters = new LoadFlowParameters()
                .setVoltageInitMode(init)
                .setDistributedSlack(false)
                .setUseReactiveLimits(false)
                .setTransformerVoltageControlOn(false)
                .setPhaseShifterRegulationOn(false)
                .setShuntCompensatorVoltageControlOn(false)
                .setTwtSplitShuntAdmittance(true)
                .setReadSlackBus(false)
                .setWriteSlackBus(false)
                .setHvdcAcEmulation(false)
                .setConnectedComponentMode(LoadFlowParameters.ConnectedComponentMode.MAIN);
        OpenLoadFlowParameters olf = new OpenLoadFlowParameters()
                .setSlackBusSelectionMode(SlackBusSelectionMode.NAME)
                .setSlackBusesIds(List.of(slackLfBusId))
                .setMaxNewtonRaphsonIterations(maxNewtonRaphsonIterations)
                .setNewtonRaphsonStoppingCriteriaType(NewtonRaphsonStoppingCriteriaType.PER_EQUATION_TYPE_CRITERIA)
                .setMaxActivePowerMismatch(toleranceMw)
                .setMaxReactivePowerMismatch(toleranceMw)
                // every VG is a valid set point for MATPOWER: no plausibility filter on target voltages
                .setMinPlausibleTargetVoltage(0.0)
                .setMaxPlausibleTargetVoltage(Double.MAX_VALUE)
                .setWriteReferenceTerminals(false);
        parameters.addExtension(OpenLoadFlowParameters.class, olf);
        return parameters;
    }

    /** MATPOWER's starting point: the case's VM and VA, with VG at voltage-controlled buses. */
    private static void setInitialVoltages(MatpowerNetwork matpowerNetwork, List<PowerFlowBusType> types) {
        MatpowerCase matpowerCase = matpowerNetwork.matpowerCase();
        Map<Integer, Integer> index = matpowerCase.busIndexByNumber();
        double[] vm = matpowerCase.buses().stream().mapToDouble(MatpowerBus::vmPu).toArray();
        for (MatpowerGenerator generator : matpowerCase.generators()) {
            int i = index.get(generator.busNumber());
            if (generator.inService() && (types.get(i) == PowerFlowBusType.PV || types.get(i) == PowerFlowBusType.SLACK)) {
                vm[i] = generator.vgPu();
            }
        }
        for (int i = 0; i < vm.length; i++) {
            MatpowerBus bus = matpowerCase.buses().get(i);
            Bus iidm = matpowerNetwork.bus(bus.number());
            iidm.setV(vm[i] * iidm.getVoltageLevel().getNominalV()).setAngle(bus.vaDeg());
        }
    }

    private static List<Generator> flagGeneratorsAtZeroOutput(MatpowerNetwork matpowerNetwork, List<PowerFlowBusType> types) {
        MatpowerCase matpowerCase = matpowerNetwork.matpowerCase();
        Map<Integer, Integer> index = matpowerCase.busIndexByNumber();
        List<Generator> flagged = new ArrayList<>();
        for (int g = 0; g < matpowerCase.generators().size(); g++) {
            MatpowerGenerator generator = matpowerCase.generators().get(g);
            PowerFlowBusType type = types.get(index.get(generator.busNumber()));
            Generator iidm = matpowerNetwork.generator(g);
            if (generator.inService() && (type == PowerFlowBusType.PV || type == PowerFlowBusType.SLACK)
                    && Math.abs(iidm.getTargetP()) < OLF_NOT_STARTED_MW && iidm.getMinP() > OLF_NOT_STARTED_MW
                    && !iidm.isFictitious()) {
                iidm.setFictitious(true);
                flagged.add(iidm);
            }
        }
        return flagged;
    }

    private static AcPowerFlowStatus status(LoadFlowResult.ComponentResult component) {
        return switch (component.getStatus()) {
            case CONVERGED -> AcPowerFlowStatus.CONVERGED;
            case MAX_ITERATION_REACHED -> AcPowerFlowStatus.MAX_ITERATION_REACHED;
            case NO_CALCULATION -> AcPowerFlowStatus.NO_CALCULATION;
            case FAILED -> "Unrealistic state".equals(component.getStatusText())
                    ? AcPowerFlowStatus.UNREALISTIC_STATE : AcPowerFlowStatus.SOLVER_FAILED;
        };
    }

    private static AcPowerFlowResult failed(MatpowerNetwork matpowerNetwork, List<PowerFlowBusType> types,
                                            AcPowerFlowStatus status, String text, int iterations) {
        MatpowerCase matpowerCase = matpowerNetwork.matpowerCase();
        List<AcPowerFlowResult.BusResult> buses = new ArrayList<>();
        for (int i = 0; i < matpowerCase.buses().size(); i++) {
            buses.add(new AcPowerFlowResult.BusResult(matpowerCase.buses().get(i).number(), types.get(i), Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN));
        }
        Map<Integer, Integer> index = matpowerCase.busIndexByNumber();
        List<AcPowerFlowResult.BranchResult> branches = new ArrayList<>();
        for (int l = 0; l < matpowerCase.branches().size(); l++) {
            MatpowerBranch branch = matpowerCase.branches().get(l);
            branches.add(new AcPowerFlowResult.BranchResult(l, branch.fromBus(), branch.toBus(),
                    matpowerNetwork.branchIds().get(l), branchInService(branch, index, types), Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        List<AcPowerFlowResult.GeneratorResult> generators = new ArrayList<>();
        for (int g = 0; g < matpowerCase.generators().size(); g++) {
            MatpowerGenerator generator = matpowerCase.generators().get(g);
            generators.add(new AcPowerFlowResult.GeneratorResult(g, generator.busNumber(),
                    matpowerNetwork.generatorIds().get(g), generatorInService(generator, types.get(index.get(generator.busNumber()))),
                    Double.NaN, Double.NaN));
        }
        int slack = types.indexOf(PowerFlowBusType.SLACK);
        return new AcPowerFlowResult(matpowerCase.name(), status, text == null ? status.name() : text, iterations,
                slack < 0 ? 0 : matpowerCase.buses().get(slack).number(), buses, branches, generators, Double.NaN,
                Double.NaN);
    }

    private static AcPowerFlowResult converged(MatpowerNetwork matpowerNetwork, List<PowerFlowBusType> types, int slack,
                                               LoadFlowResult.ComponentResult component) {
        MatpowerCase matpowerCase = matpowerNetwork.matpowerCase();
        List<MatpowerBus> caseBuses = matpowerCase.buses();
        Map<Integer, Integer> index = matpowerCase.busIndexByNumber();
        int n = caseBuses.size();

        double slackAngle = matpowerNetwork.bus(caseBuses.get(slack).number()).getAngle();
        double[] vm = new double[n];
        double[] va = new double[n];
        for (int i = 0; i < n; i++) {
            Bus bus = matpowerNetwork.bus(caseBuses.get(i).number());
            if (types.get(i) == PowerFlowBusType.ISOLATED || bus.getConnectedComponent() == null
                    || bus.getConnectedComponent().getNum() != 0) {
                vm[i] = Double.NaN;
                va[i] = Double.NaN;
            } else {
                vm[i] = bus.getV() / bus.getVoltageLevel().getNominalV();
                va[i] = bus.getAngle() - slackAngle + caseBuses.get(slack).vaDeg();
            }
        }

        // Bus injections into the network: branch flows leaving the bus plus the bus's own shunt.
        double[] pInj = new double[n];
        double[] qInj = new double[n];
        for (int i = 0; i < n; i++) {
            pInj[i] = caseBuses.get(i).gsMw() * vm[i] * vm[i];
            qInj[i] = -caseBuses.get(i).bsMvar() * vm[i] * vm[i];
        }
        List<AcPowerFlowResult.BranchResult> branches = new ArrayList<>();
        double lossP = 0;
        double lossQ = 0;
        for (int l = 0; l < matpowerCase.branches().size(); l++) {
            MatpowerBranch branch = matpowerCase.branches().get(l);
            boolean inService = branchInService(branch, index, types);
            int f = index.get(branch.fromBus());
            int t = index.get(branch.toBus());
            double pf = 0;
            double qf = 0;
            double pt = 0;
            double qt = 0;
            if (inService) {
                Branch<?> iidm = matpowerNetwork.branch(l);
                pf = iidm.getTerminal1().getP();
                qf = iidm.getTerminal1().getQ();
                pt = iidm.getTerminal2().getP();
                qt = iidm.getTerminal2().getQ();
                pInj[f] += pf;
                qInj[f] += qf;
                pInj[t] += pt;
                qInj[t] += qt;
                lossP += pf + pt;
                lossQ += qf + qt;
            }
            double sf = Math.hypot(pf, qf);
            double st = Math.hypot(pt, qt);
            double loading = branch.rateAMva() > 0 ? 100 * Math.max(sf, st) / branch.rateAMva() : Double.NaN;
            branches.add(new AcPowerFlowResult.BranchResult(l, branch.fromBus(), branch.toBus(),
                    matpowerNetwork.branchIds().get(l), inService, pf, qf, pt, qt,
                    current(sf, vm[f], caseBuses.get(f).baseKv()), current(st, vm[t], caseBuses.get(t).baseKv()), loading));
        }

        List<AcPowerFlowResult.BusResult> buses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean solved = !Double.isNaN(vm[i]);
            buses.add(new AcPowerFlowResult.BusResult(caseBuses.get(i).number(), types.get(i), vm[i], va[i],
                    solved ? pInj[i] : Double.NaN, solved ? qInj[i] : Double.NaN));
        }
        List<AcPowerFlowResult.GeneratorResult> generators = generatorResults(matpowerNetwork, types, pInj, qInj);
        return new AcPowerFlowResult(matpowerCase.name(), AcPowerFlowStatus.CONVERGED, component.getStatusText(),
                component.getIterationCount(), caseBuses.get(slack).number(), buses, branches, generators, lossP, lossQ);
    }

    /** Current magnitude in A from |S| in MVA at a bus of voltage vm (p.u.) and base baseKv (kV). */
    private static double current(double sMva, double vmPu, double baseKv) {
        return baseKv > 0 ? sMva * 1000 / (SQRT3 * vmPu * baseKv) : Double.NaN;
    }

    private static boolean branchInService(MatpowerBranch branch, Map<Integer, Integer> index,
                                           List<PowerFlowBusType> types) {
        return branch.inService() && types.get(index.get(branch.fromBus())) != PowerFlowBusType.ISOLATED
                && types.get(index.get(branch.toBus())) != PowerFlowBusType.ISOLATED;
    }

    private static boolean generatorInService(MatpowerGenerator generator, PowerFlowBusType type) {
        return generator.inService() && type != PowerFlowBusType.ISOLATED;
    }

    /**
     * Generator outputs from the bus totals, as MATPOWER's {@code pfsoln}: a PV or slack bus's total reactive
     * generation {@code Q_inj + QD} is shared equally, then in proportion to the generators' Q ranges (infinite
     * limits replaced by a finite proxy), or with equal violation where the bus's total range is zero; the slack
     * bus's first generator takes {@code P_inj + PD} minus the PG of the bus's other generators.
     */
    private static List<AcPowerFlowResult.GeneratorResult> generatorResults(MatpowerNetwork matpowerNetwork,
                                                                           List<PowerFlowBusType> types,
                                                                           double[] pInj, double[] qInj) {
        MatpowerCase matpowerCase = matpowerNetwork.matpowerCase();
        List<MatpowerGenerator> caseGenerators = matpowerCase.generators();
        Map<Integer, Integer> index = matpowerCase.busIndexByNumber();
        int ng = caseGenerators.size();
        double[] p = new double[ng];
        double[] q = new double[ng];
        boolean[] inService = new boolean[ng];
        List<List<Integer>> regulatingByBus = new ArrayList<>();
        for (int i = 0; i < matpowerCase.buses().size(); i++) {
            regulatingByBus.add(new ArrayList<>());
        }
        for (int g = 0; g < ng; g++) {
            MatpowerGenerator generator = caseGenerators.get(g);
            int i = index.get(generator.busNumber());
            inService[g] = generatorInService(generator, types.get(i));
            if (!inService[g]) {
                continue;
            }
            p[g] = generator.pgMw();
            q[g] = generator.qgMvar();
            if (types.get(i) == PowerFlowBusType.PV || types.get(i) == PowerFlowBusType.SLACK) {
                regulatingByBus.get(i).add(g);
            }
        }
        for (int i = 0; i < regulatingByBus.size(); i++) {
            List<Integer> gens = regulatingByBus.get(i);
            if (gens.isEmpty()) {
                continue;
            }
            double qTotal = qInj[i] + matpowerCase.buses().get(i).qdMvar();
            shareReactivePower(caseGenerators, gens, qTotal, q);
            if (types.get(i) == PowerFlowBusType.SLACK) {
                double others = 0;
                for (int k = 1; k < gens.size(); k++) {
                    others += p[gens.get(k)];
                }
                p[gens.get(0)] = pInj[i] + matpowerCase.buses().get(i).pdMw() - others;
            }
        }
        List<AcPowerFlowResult.GeneratorResult> results = new ArrayList<>(ng);
        for (int g = 0; g < ng; g++) {
            results.add(new AcPowerFlowResult.GeneratorResult(g, caseGenerators.get(g).busNumber(),
                    matpowerNetwork.generatorIds().get(g), inService[g], p[g], q[g]));
        }
        return results;
    }

    private static void shareReactivePower(List<MatpowerGenerator> caseGenerators, List<Integer> gens, double qTotal,
                                           double[] q) {
        int m = gens.size();
        if (m == 1) {
            q[gens.get(0)] = qTotal;
            return;
        }
        double[] share = new double[m];
        Arrays.fill(share, qTotal / m);
        double proxy = 0;
        for (int k = 0; k < m; k++) {
            MatpowerGenerator generator = caseGenerators.get(gens.get(k));
            proxy += Math.abs(share[k]);
            if (!Double.isInfinite(generator.qmaxMvar())) {
                proxy += Math.abs(generator.qmaxMvar());
            }
            if (!Double.isInfinite(generator.qminMvar())) {
                proxy += Math.abs(generator.qminMvar());
            }
        }
        double[] qmin = new double[m];
        double[] qmax = new double[m];
        double qminTotal = 0;
        double qmaxTotal = 0;
        for (int k = 0; k < m; k++) {
            MatpowerGenerator generator = caseGenerators.get(gens.get(k));
            qmin[k] = finite(generator.qminMvar(), proxy);
            qmax[k] = finite(generator.qmaxMvar(), proxy);
            qminTotal += qmin[k];
            qmaxTotal += qmax[k];
        }
        boolean zeroRange = Math.abs(qminTotal - qmaxTotal) < 10 * EPS;
        for (int k = 0; k < m; k++) {
            q[gens.get(k)] = zeroRange
                    ? qmin[k] + (qTotal - qminTotal) / m
                    : qmin[k] + (qTotal - qminTotal) / (qmaxTotal - qminTotal + EPS) * (qmax[k] - qmin[k]);
        }
    }

    private static double finite(double limit, double proxy) {
        if (limit == Double.POSITIVE_INFINITY) {
            return proxy;
        }
        return limit == Double.NEGATIVE_INFINITY ? -proxy : limit;
    }
}
