package io.gridai.network;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * MATPOWER's power flow conventions on small cases written here.
 *
 * <pre>
 *   bus 1 (REF, VA 10 deg, gen VG 1.02) ---- bus 2 (PV, gen PG 50 MW, VG 1.01)
 *         \                                    /
 *          \---------- bus 3 (PQ, PD 120 MW, QD 40 Mvar) ----/
 * </pre>
 */
class AcPowerFlowTest {

    private static final double TIGHT = 1e-9;
    private static final double MAX_MISMATCH_MW = 1e-6;

    private static final String BUS_1 = "1\t3\t0\t0\t0\t0\t1\t1\t10\t345\t1\t1.1\t0.9";
    private static final String BUS_2 = "2\t2\t0\t0\t0\t0\t1\t1\t0\t345\t1\t1.1\t0.9";
    private static final String BUS_3 = "3\t1\t120\t40\t0\t0\t1\t1\t0\t345\t1\t1.1\t0.9";
    private static final String GEN_1 = "1\t0\t0\t300\t-300\t1.02\t100\t1\t250\t0";
    private static final String GEN_2 = "2\t50\t0\t300\t-300\t1.01\t100\t1\t250\t0";
    private static final String BRANCHES = """
            1	2	0.01	0.085	0.176	100	0	0	0	0	1	-360	360;
            2	3	0.017	0.092	0.158	0	0	0	0	0	1	-360	360;
            1	3	0.032	0.161	0.306	0	0	0	0	0	1	-360	360;
            """;

    @Test
    void anglesAreInMatpowersReferenceAndVoltageSetPointsHold() {
        MatpowerCase c = threeBus(BUS_1, BUS_2, BUS_3, GEN_1 + ";\n" + GEN_2);

        AcPowerFlowResult result = AcPowerFlow.solve(c);
        AcPowerFlowResult atZero = AcPowerFlow.solve(threeBus(BUS_1.replace("\t1\t10\t345", "\t1\t0\t345"), BUS_2, BUS_3,
                GEN_1 + ";\n" + GEN_2));

        assertThat(result.status()).isEqualTo(AcPowerFlowStatus.CONVERGED);
        assertThat(result.slackBusNumber()).isEqualTo(1);
        assertThat(result.buses().get(0).vaDeg()).isEqualTo(10.0);
        for (int i = 1; i < 3; i++) {
            // both solves stop within the tolerance of 1e-7 MW, from different starting angles
            assertThat(result.buses().get(i).vaDeg()).isCloseTo(atZero.buses().get(i).vaDeg() + 10, within(1e-6));
        }
        assertThat(result.buses().get(0).vmPu()).isCloseTo(1.02, within(TIGHT));
        assertThat(result.buses().get(1).vmPu()).isCloseTo(1.01, within(TIGHT));
        assertThat(result.buses()).extracting(AcPowerFlowResult.BusResult::type)
                .containsExactly(PowerFlowBusType.SLACK, PowerFlowBusType.PV, PowerFlowBusType.PQ);
        assertThat(result.generators().get(1).pMw()).isEqualTo(50.0);
        assertMismatchBelowTolerance(c, result);
    }

    @Test
    void aGeneratorAtAPqBusInjectsItsPgAndQgWithoutHoldingVoltage() {
        MatpowerCase c = threeBus(BUS_1, BUS_2, BUS_3, GEN_1 + ";\n" + GEN_2 + ";\n3\t20\t5\t300\t-300\t1.05\t100\t1\t250\t0");

        AcPowerFlowResult result = AcPowerFlow.solve(c);

        assertThat(result.converged()).isTrue();
        assertThat(result.buses().get(2).type()).isEqualTo(PowerFlowBusType.PQ);
        assertThat(result.buses().get(2).vmPu()).isLessThan(1.04);
        assertThat(result.generators().get(2).pMw()).isEqualTo(20.0);
        assertThat(result.generators().get(2).qMvar()).isEqualTo(5.0);
        assertThat(result.buses().get(2).pInjectionMw()).isCloseTo(20 - 120, within(MAX_MISMATCH_MW));
        assertThat(result.buses().get(2).qInjectionMvar()).isCloseTo(5 - 40, within(MAX_MISMATCH_MW));
        assertMismatchBelowTolerance(c, result);
    }

    @Test
    void aPvBusWithoutAnInServiceGeneratorIsSolvedAsPq() {
        MatpowerCase c = threeBus(BUS_1, BUS_2, BUS_3, GEN_1 + ";\n" + GEN_2.replace("\t100\t1\t250", "\t100\t0\t250"));

        AcPowerFlowResult result = AcPowerFlow.solve(c);

        assertThat(result.buses().get(1).type()).isEqualTo(PowerFlowBusType.PQ);
        assertThat(result.buses().get(1).vmPu()).isNotCloseTo(1.01, within(1e-4));
        assertThat(result.generators().get(1).inService()).isFalse();
        assertThat(result.generators().get(1).pMw()).isZero();
        assertMismatchBelowTolerance(c, result);
    }

    @Test
    void withoutAGeneratorAtTheReferenceBusTheFirstPvBusIsTheSlack() {
        MatpowerCase c = threeBus(BUS_1, BUS_2.replace("\t1\t0\t345", "\t1\t-3\t345"), BUS_3,
                GEN_1.replace("\t100\t1\t250", "\t100\t0\t250") + ";\n" + GEN_2);

        AcPowerFlowResult result = AcPowerFlow.solve(c);

        assertThat(result.converged()).isTrue();
        assertThat(result.slackBusNumber()).isEqualTo(2);
        assertThat(result.buses().get(1).vaDeg()).isEqualTo(-3.0);
        assertThat(result.buses().get(0).type()).isEqualTo(PowerFlowBusType.PQ);
        // the slack generator takes the load and the losses
        assertThat(result.generators().get(1).pMw()).isCloseTo(120 + result.activeLossesMw(), within(MAX_MISMATCH_MW));
        assertMismatchBelowTolerance(c, result);
    }

    @Test
    void aCommittedGeneratorAtZeroOutputKeepsHoldingVoltage() {
        // PG 0 with PMIN 10: OpenLoadFlow on its own would treat the generator as stopped and free the voltage
        MatpowerCase c = threeBus(BUS_1, BUS_2, BUS_3, GEN_1 + ";\n2\t0\t0\t300\t-300\t1.01\t100\t1\t250\t10");
        MatpowerNetwork network = MatpowerNetwork.of(c);

        AcPowerFlowResult result = AcPowerFlow.solve(network, AcPowerFlowOptions.defaults());

        assertThat(result.converged()).isTrue();
        assertThat(result.buses().get(1).vmPu()).isCloseTo(1.01, within(TIGHT));
        assertThat(network.generator(1).isFictitious()).isFalse();
        assertMismatchBelowTolerance(c, result);
    }

    @Test
    void reactivePowerIsSharedAmongGeneratorsOfABusInProportionToTheirRanges() {
        MatpowerCase c = threeBus(BUS_1, BUS_2, BUS_3, GEN_1 + ";\n"
                + "2\t30\t0\t30\t-10\t1.01\t100\t1\t250\t0;\n"
                + "2\t20\t0\t60\t-20\t1.01\t100\t1\t250\t0;\n"
                + "1\t15\t0\tInf\t-Inf\t1.02\t100\t1\t250\t0");

        AcPowerFlowResult result = AcPowerFlow.solve(c);

        assertThat(result.converged()).isTrue();
        double q1 = result.generators().get(1).qMvar();
        double q2 = result.generators().get(2).qMvar();
        double total = q1 + q2;
        assertThat(total).isCloseTo(result.buses().get(1).qInjectionMvar(), within(MAX_MISMATCH_MW));
        // MATPOWER's pfsoln: Qmin_k + (Qtot - sum Qmin) / (sum Qmax - sum Qmin) * (Qmax_k - Qmin_k)
        assertThat(q1).isCloseTo(-10 + (total + 30) / 120 * 40, within(1e-9));
        assertThat(q2).isCloseTo(-20 + (total + 30) / 120 * 80, within(1e-9));
        assertThat(result.generators().get(1).pMw()).isEqualTo(30.0);
        assertThat(result.generators().get(2).pMw()).isEqualTo(20.0);
        // the slack's first generator takes the slack power minus what the others there produce
        double slackP = result.buses().get(0).pInjectionMw();
        assertThat(result.generators().get(0).pMw()).isCloseTo(slackP - 15, within(MAX_MISMATCH_MW));
        assertThat(result.generators().get(3).pMw()).isEqualTo(15.0);
        assertMismatchBelowTolerance(c, result);
    }

    @Test
    void branchLoadingAndCurrentFollowFromTheFlows() {
        MatpowerCase c = threeBus(BUS_1, BUS_2, BUS_3, GEN_1 + ";\n" + GEN_2);

        AcPowerFlowResult result = AcPowerFlow.solve(c);

        AcPowerFlowResult.BranchResult rated = result.branches().get(0);
        double sFrom = Math.hypot(rated.pFromMw(), rated.qFromMvar());
        double sTo = Math.hypot(rated.pToMw(), rated.qToMvar());
        assertThat(rated.loadingPercent()).isCloseTo(100 * Math.max(sFrom, sTo) / 100, within(TIGHT));
        assertThat(rated.iFromA()).isCloseTo(sFrom * 1000 / (Math.sqrt(3) * 1.02 * 345), within(1e-6));
        assertThat(result.branches().get(1).loadingPercent()).isNaN();
        assertThat(rated.iidmId()).isEqualTo("LINE-1-2");
        assertThat(result.activeLossesMw()).isPositive();
    }

    @Test
    void anIsolatedBusIsLeftOutWithItsBranches() {
        MatpowerCase c = MatpowerCaseReader.read("isolated", new StringReader(caseText(BUS_1, BUS_2, BUS_3,
                "4\t4\t10\t0\t0\t0\t1\t1\t0\t345\t1\t1.1\t0.9", GEN_1 + ";\n" + GEN_2,
                BRANCHES + "3\t4\t0.01\t0.05\t0\t0\t0\t0\t0\t0\t1\t-360\t360;\n")));

        AcPowerFlowResult result = AcPowerFlow.solve(c);

        assertThat(result.converged()).isTrue();
        assertThat(result.buses().get(3).type()).isEqualTo(PowerFlowBusType.ISOLATED);
        assertThat(result.buses().get(3).vmPu()).isNaN();
        AcPowerFlowResult.BranchResult toIsolated = result.branches().get(3);
        assertThat(toIsolated.inService()).isFalse();
        assertThat(toIsolated.pFromMw()).isZero();
        assertMismatchBelowTolerance(c, result);
    }

    @Test
    void aCaseWithoutSolutionIsReportedNotThrown() {
        // 1500 MW over x = 0.1 p.u.: beyond the line's maximum transfer of 1 / x = 10 p.u.
        MatpowerCase c = MatpowerCaseReader.read("overloaded", new StringReader(caseText(BUS_1,
                "2\t1\t1500\t0\t0\t0\t1\t1\t0\t345\t1\t1.1\t0.9", null, null, GEN_1,
                "1\t2\t0\t0.1\t0\t0\t0\t0\t0\t0\t1\t-360\t360;\n")));

        AcPowerFlowResult result = AcPowerFlow.solve(c);

        assertThat(result.status()).isIn(AcPowerFlowStatus.MAX_ITERATION_REACHED, AcPowerFlowStatus.SOLVER_FAILED,
                AcPowerFlowStatus.UNREALISTIC_STATE);
        assertThat(result.converged()).isFalse();
        assertThat(result.buses()).allSatisfy(b -> assertThat(b.vmPu()).isNaN());
        assertThat(result.generators().get(0).pMw()).isNaN();
        assertThat(result.activeLossesMw()).isNaN();
        StringWriter csv = new StringWriter();
        PowerFlowCsv.write(result, csv);
        assertThat(csv.toString()).isEqualTo("bus,vm_pu,va_deg\n1,NaN,NaN\n2,NaN,NaN\n");
    }

    @Test
    void aCaseWithoutAGeneratorToBeTheSlackIsNotSolved() {
        MatpowerCase c = threeBus(BUS_1, BUS_2, BUS_3, GEN_1.replace("\t100\t1\t250", "\t100\t0\t250"));

        AcPowerFlowResult result = AcPowerFlow.solve(c);

        assertThat(result.status()).isEqualTo(AcPowerFlowStatus.NO_CALCULATION);
        assertThat(result.slackBusNumber()).isZero();
        assertThat(result.buses()).extracting(AcPowerFlowResult.BusResult::type).doesNotContain(PowerFlowBusType.SLACK);
        assertThat(MatpowerNetwork.of(c).network().getGeneratorCount()).isEqualTo(1);
    }

    @Test
    void aSlackOutsideTheLargestIslandIsNotSolved() {
        // buses 1-2 form one island, 3-4-5 (with a PV generator at 3) a larger one
        MatpowerCase c = MatpowerCaseReader.read("islands", new StringReader("""
                mpc.version = '2';
                mpc.baseMVA = 100;
                mpc.bus = [
                	1	3	0	0	0	0	1	1	0	345	1	1.1	0.9;
                	2	1	10	0	0	0	1	1	0	345	1	1.1	0.9;
                	3	2	0	0	0	0	1	1	0	345	1	1.1	0.9;
                	4	1	10	0	0	0	1	1	0	345	1	1.1	0.9;
                	5	1	10	0	0	0	1	1	0	345	1	1.1	0.9;
                ];
                mpc.gen = [
                	1	0	0	300	-300	1	100	1	250	0;
                	3	20	0	300	-300	1	100	1	250	0;
                ];
                mpc.branch = [
                	1	2	0.01	0.1	0	0	0	0	0	0	1	-360	360;
                	3	4	0.01	0.1	0	0	0	0	0	0	1	-360	360;
                	4	5	0.01	0.1	0	0	0	0	0	0	1	-360	360;
                ];
                """));

        AcPowerFlowResult result = AcPowerFlow.solve(c);

        assertThat(result.status()).isEqualTo(AcPowerFlowStatus.NO_CALCULATION);
        assertThat(result.statusText()).isEqualTo("slack bus 1 is not in the largest island");
    }

    @Test
    void theIterationLimitIsExactAndReachingItIsAnOutcome() {
        MatpowerCase c = threeBus(BUS_1, BUS_2, BUS_3, GEN_1 + ";\n" + GEN_2);
        AcPowerFlowOptions flat = AcPowerFlowOptions.defaults().withInitialState(AcPowerFlowOptions.InitialState.FLAT);
        int needed = AcPowerFlow.solve(c, flat).iterations();
        assertThat(needed).isGreaterThan(1);

        AcPowerFlowResult enough = AcPowerFlow.solve(c, flat.withMaxIterations(needed));
        AcPowerFlowResult tooFew = AcPowerFlow.solve(c, flat.withMaxIterations(needed - 1));

        assertThat(enough.status()).isEqualTo(AcPowerFlowStatus.CONVERGED);
        assertThat(enough.iterations()).isEqualTo(needed);
        assertThat(tooFew.status()).isEqualTo(AcPowerFlowStatus.MAX_ITERATION_REACHED);
        assertThat(tooFew.iterations()).isEqualTo(needed - 1);
        assertThat(tooFew.buses().get(2).vmPu()).isNaN();
    }

    @Test
    void aLooserToleranceLeavesALargerMismatch() {
        MatpowerCase c = threeBus(BUS_1, BUS_2, BUS_3, GEN_1 + ";\n" + GEN_2);

        AcPowerFlowResult loose = AcPowerFlow.solve(c, AcPowerFlowOptions.defaults().withToleranceMw(5.0)
                .withInitialState(AcPowerFlowOptions.InitialState.FLAT));
        AcPowerFlowResult tight = AcPowerFlow.solve(c, AcPowerFlowOptions.defaults()
                .withInitialState(AcPowerFlowOptions.InitialState.FLAT));

        assertThat(loose.converged()).isTrue();
        assertThat(loose.iterations()).isLessThan(tight.iterations());
        PowerMismatch looseMismatch = PowerMismatch.compute(c, loose);
        assertThat(Math.max(looseMismatch.maxActiveMw(), looseMismatch.maxReactiveMvar())).isGreaterThan(1e-6).isLessThan(5.0);
    }

    private static void assertMismatchBelowTolerance(MatpowerCase c, AcPowerFlowResult result) {
        PowerMismatch mismatch = PowerMismatch.compute(c, result);
        assertThat(mismatch.maxActiveMw()).isLessThanOrEqualTo(MAX_MISMATCH_MW);
        assertThat(mismatch.maxReactiveMvar()).isLessThanOrEqualTo(MAX_MISMATCH_MW);
    }

    private static MatpowerCase threeBus(String bus1, String bus2, String bus3, String generators) {
        return MatpowerCaseReader.read("three-bus", new StringReader(caseText(bus1, bus2, bus3, null, generators, BRANCHES)));
    }

    private static String caseText(String bus1, String bus2, String bus3, String bus4, String generators, String branches) {
        StringBuilder buses = new StringBuilder(bus1 + ";\n" + bus2 + ";\n");
        if (bus3 != null) {
            buses.append(bus3).append(";\n");
        }
        if (bus4 != null) {
            buses.append(bus4).append(";\n");
        }
        return "mpc.version = '2';\nmpc.baseMVA = 100;\nmpc.bus = [\n" + buses + "];\nmpc.gen = [\n" + generators
                + "\n];\nmpc.branch = [\n" + branches + "];\n";
    }
}
