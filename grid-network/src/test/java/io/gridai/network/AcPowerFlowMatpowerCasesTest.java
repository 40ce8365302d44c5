package io.gridai.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * AC power flow of the shared MATPOWER cases (skipped when the data is absent): converged, physically consistent
 * by the independent {@link PowerMismatch} check, and equal to MATPOWER's own {@code runpf} solution.
 */
class AcPowerFlowMatpowerCasesTest {

    /** Largest accepted bus power mismatch, MW and Mvar (the acceptance criterion). */
    private static final double MAX_MISMATCH_MW = 1e-6;
    /**
     * Agreement with runpf asked for: |V| within 1e-4 p.u., angles within 1e-3 degree. Measured: about 5e-11 on
     * both (the golden files' rounding), so these tighter bounds are asserted.
     */
    private static final double DELTA_V = 1e-8;
    private static final double DELTA_ANGLE_DEG = 1e-6;
    /** Generator outputs and branch flows against runpf (measured: below 1e-7 MW), MW and Mvar. */
    private static final double DELTA_POWER = 1e-5;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"case9", "case14", "case24_ieee_rts", "case30", "case39", "case57", "case118", "case300",
        "case_ACTIVSg200", "case_RTS_GMLC", "case2383wp", "case_ACTIVSg2000"})
    void convergesToMatpowersSolution(String caseName) {
        MatpowerCase matpowerCase = SharedCases.read(caseName);

        AcPowerFlowResult result = AcPowerFlow.solve(matpowerCase);

        assertThat(result.status()).as(result.statusText()).isEqualTo(AcPowerFlowStatus.CONVERGED);
        assertThat(result.iterations()).isBetween(1, AcPowerFlowOptions.DEFAULT_MAX_ITERATIONS);

        PowerMismatch mismatch = PowerMismatch.compute(matpowerCase, result);
        assertThat(mismatch.maxActiveMw()).isLessThanOrEqualTo(MAX_MISMATCH_MW);
        assertThat(mismatch.maxReactiveMvar()).isLessThanOrEqualTo(MAX_MISMATCH_MW);

        List<double[]> buses = RunpfReference.buses(caseName);
        assertThat(result.buses()).hasSameSizeAs(buses);
        for (int i = 0; i < buses.size(); i++) {
            AcPowerFlowResult.BusResult bus = result.buses().get(i);
            assertThat(bus.busNumber()).isEqualTo((int) buses.get(i)[0]);
            assertThat(bus.vmPu()).as("|V| of bus %d", bus.busNumber()).isCloseTo(buses.get(i)[1], within(DELTA_V));
            assertThat(bus.vaDeg()).as("angle of bus %d", bus.busNumber()).isCloseTo(buses.get(i)[2], within(DELTA_ANGLE_DEG));
        }

        List<double[]> generators = RunpfReference.generators(caseName);
        for (int g = 0; g < generators.size(); g++) {
            AcPowerFlowResult.GeneratorResult generator = result.generators().get(g);
            assertThat(generator.pMw()).as("P of generator %d", g + 1).isCloseTo(generators.get(g)[1], within(DELTA_POWER));
            assertThat(generator.qMvar()).as("Q of generator %d", g + 1).isCloseTo(generators.get(g)[2], within(DELTA_POWER));
        }

        RunpfReference.branches(caseName).ifPresent(branches -> {
            for (int l = 0; l < branches.size(); l++) {
                AcPowerFlowResult.BranchResult branch = result.branches().get(l);
                double[] expected = branches.get(l);
                assertThat(new double[] {branch.pFromMw(), branch.qFromMvar(), branch.pToMw(), branch.qToMvar()})
                        .as("flows of branch %d", l + 1)
                        .containsExactly(new double[] {expected[2], expected[3], expected[4], expected[5]}, within(DELTA_POWER));
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"case9", "case14", "case30", "case118", "case300", "case_RTS_GMLC"})
    void resultIsConsistentWithTheIndependentAdmittanceModel(String caseName) {
        MatpowerCase matpowerCase = SharedCases.read(caseName);
        AcPowerFlowResult result = AcPowerFlow.solve(matpowerCase);
        assertThat(result.converged()).isTrue();

        // OpenLoadFlow's branch flows equal MATPOWER's branch model evaluated at OpenLoadFlow's voltages
        int n = result.buses().size();
        double[] vm = new double[n];
        double[] vaRad = new double[n];
        for (int i = 0; i < n; i++) {
            vm[i] = result.buses().get(i).vmPu();
            vaRad[i] = Math.toRadians(result.buses().get(i).vaDeg());
        }
        AdmittanceModel model = AdmittanceModel.of(matpowerCase);
        double lossP = 0;
        for (AcPowerFlowResult.BranchResult branch : result.branches()) {
            double[] flow = model.branchFlow(branch.index(), vm, vaRad);
            double base = matpowerCase.baseMva();
            assertThat(new double[] {branch.pFromMw(), branch.qFromMvar(), branch.pToMw(), branch.qToMvar()})
                    .containsExactly(new double[] {flow[0] * base, flow[1] * base, flow[2] * base, flow[3] * base},
                            within(MAX_MISMATCH_MW));
            lossP += branch.activeLossMw();
        }
        assertThat(result.activeLossesMw()).isCloseTo(lossP, within(1e-9));

        // generation = injection + demand at every bus, and all of it is in the generator results
        Map<Integer, Integer> index = matpowerCase.busIndexByNumber();
        double[] generationP = new double[n];
        double[] generationQ = new double[n];
        for (AcPowerFlowResult.GeneratorResult generator : result.generators()) {
            generationP[index.get(generator.busNumber())] += generator.pMw();
            generationQ[index.get(generator.busNumber())] += generator.qMvar();
        }
        for (int i = 0; i < n; i++) {
            MatpowerBus bus = matpowerCase.buses().get(i);
            assertThat(generationP[i] - bus.pdMw()).isCloseTo(result.buses().get(i).pInjectionMw(), within(MAX_MISMATCH_MW));
            assertThat(generationQ[i] - bus.qdMvar()).isCloseTo(result.buses().get(i).qInjectionMvar(), within(MAX_MISMATCH_MW));
        }
        // power balance: generation = demand + shunt consumption + losses
        double shunts = 0;
        for (int i = 0; i < n; i++) {
            shunts += matpowerCase.buses().get(i).gsMw() * vm[i] * vm[i];
        }
        double generation = java.util.Arrays.stream(generationP).sum();
        assertThat(generation).isCloseTo(matpowerCase.totalDemandMw() + shunts + result.activeLossesMw(), within(1e-5));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"case9", "case30", "case118", "case300", "case2383wp"})
    void aFlatStartReachesTheSameSolution(String caseName) {
        MatpowerCase matpowerCase = SharedCases.read(caseName);

        AcPowerFlowResult fromCase = AcPowerFlow.solve(matpowerCase);
        AcPowerFlowResult flat = AcPowerFlow.solve(matpowerCase,
                AcPowerFlowOptions.defaults().withInitialState(AcPowerFlowOptions.InitialState.FLAT));

        assertThat(flat.converged()).isTrue();
        for (int i = 0; i < fromCase.buses().size(); i++) {
            assertThat(flat.buses().get(i).vmPu()).isCloseTo(fromCase.buses().get(i).vmPu(), within(DELTA_V));
            assertThat(flat.buses().get(i).vaDeg()).isCloseTo(fromCase.buses().get(i).vaDeg(), within(DELTA_ANGLE_DEG));
        }
    }

    @Test
    void case9MatchesRunpf() {
        // MATPOWER's runpf of case9.m as shipped (VG 1.04, 1.025, 1.025), rounded to 6 decimals
        AcPowerFlowResult result = AcPowerFlow.solve(SharedCases.read("case9"));

        assertThat(result.slackBusNumber()).isEqualTo(1);
        assertThat(result.buses().get(0).vaDeg()).isZero();
        assertThat(result.buses().get(4).vmPu()).isCloseTo(1.012654, within(1e-6));
        assertThat(result.buses().get(8).vmPu()).isCloseTo(0.995631, within(1e-6));
        assertThat(result.buses().get(8).vaDeg()).isCloseTo(-3.988805, within(1e-6));
        assertThat(result.generators().get(0).pMw()).isCloseTo(71.641021, within(1e-6));
        assertThat(result.activeLossesMw()).isCloseTo(4.641021, within(1e-6));
    }

    @Test
    void case300KeepsItsSlackAngleAndItsConductanceShunts() {
        MatpowerCase matpowerCase = SharedCases.read("case300");
        AcPowerFlowResult result = AcPowerFlow.solve(matpowerCase);

        int slack = matpowerCase.busIndexByNumber().get(result.slackBusNumber());
        assertThat(result.slackBusNumber()).isEqualTo(7049);
        assertThat(result.buses().get(slack).vaDeg()).isEqualTo(matpowerCase.buses().get(slack).vaDeg());
        // 15 buses of case300 have GS but no BS: without their conductance the mismatch check fails
        assertThat(matpowerCase.buses()).filteredOn(b -> b.gsMw() != 0 && b.bsMvar() == 0).hasSize(15);
        assertThat(PowerMismatch.compute(matpowerCase, result).maxActiveMw()).isLessThanOrEqualTo(MAX_MISMATCH_MW);
    }
}
