package io.gridai.network;

import com.powsybl.iidm.network.Network;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link MatpowerNetwork#withOperatingPoint}: solving the updated network gives what a network built from the updated
 * case gives, over successive updates.
 */
class MatpowerNetworkOperatingPointTest {

    /** Agreement asked between the two routes: p.u. and degrees; MW and Mvar are compared at this times baseMVA. */
    private static final double SAME = 1e-9;

    /**
     * <pre>
     *  bus 1 (REF, 345 kV) ---- bus 2 (PV, GS 4 MW only; gen PMIN 10) ---- bus 4 (PQ, no demand; a PQ-bus gen)
     *        \                        /
     *         transformer 1-3 --- bus 3 (PQ, 138 kV, BS 10 Mvar)   (line 2-3 at 138 kV through a transformer too)
     * </pre>
     */
    private static final String CASE = """
            mpc.version = '2';
            mpc.baseMVA = 100;
            mpc.bus = [
            	1	3	0	0	0	0	1	1.0	0	345	1	1.1	0.9;
            	2	2	50	10	4	0	1	1.0	0	345	1	1.1	0.9;
            	3	1	60	20	0	10	1	1.0	0	138	1	1.1	0.9;
            	4	1	0	0	0	0	1	1.0	0	345	1	1.1	0.9;
            ];
            mpc.gen = [
            	1	0	0	300	-300	1.03	100	1	250	0;
            	2	40	0	50	-50	1.02	100	1	100	10;
            	4	15	3	20	-20	1.05	100	1	100	0;
            ];
            mpc.branch = [
            	1	2	0.01	0.1	0.02	0	0	0	0	0	1	-360	360;
            	1	3	0.0	0.05	0	0	0	0	0.98	2	1	-360	360;
            	2	3	0.0	0.06	0	0	0	0	1.01	0	1	-360	360;
            	2	4	0.02	0.2	0.04	0	0	0	0	0	1	-360	360;
            ];
            """;

    @Test
    void successiveOperatingPointsSolveAsNetworksBuiltFromTheirCases() {
        MatpowerCase base = MatpowerCaseReader.read("four-bus", new StringReader(CASE));
        MatpowerNetwork network = MatpowerNetwork.of(base);
        Network iidm = network.network();
        assertThat(iidm.getLoad("LOAD-4")).isNull();

        // demand appears at bus 4 (a load is created); the PV generator goes to zero output with PMIN 10 (flagged
        // during the solve so that it keeps holding voltage); the PQ-bus generator's QG changes
        MatpowerCase first = operatingPoint(base, new double[][] {{0, 0}, {55, 12}, {48, 18}, {20, 5}},
                new double[][] {{0, 0}, {0, 0}, {12, -4}}, null);
        network = assertSameAsBuilt(network, first);
        assertThat(iidm.getLoad("LOAD-4").getP0()).isEqualTo(20.0);
        assertThat(network.generator(1).isFictitious()).isFalse();

        // bus 4 back to no demand (its load goes, as the importer would not create it); warm start from the solution
        AcPowerFlowResult firstResult = AcPowerFlow.solve(network, AcPowerFlowOptions.defaults());
        MatpowerCase second = operatingPoint(first, new double[][] {{0, 0}, {45, 8}, {70, 25}, {0, 0}},
                new double[][] {{0, 0}, {60, 0}, {10, 2}}, firstResult);
        network = assertSameAsBuilt(network, second);
        assertThat(iidm.getLoad("LOAD-4")).isNull();

        // negative active demand only at bus 4, a load again
        MatpowerCase third = operatingPoint(second, new double[][] {{0, 0}, {50, 10}, {62, 21}, {-10, 0}},
                new double[][] {{0, 0}, {35, 0}, {15, 3}}, null);
        network = assertSameAsBuilt(network, third);
        assertThat(iidm.getLoad("LOAD-4").getP0()).isEqualTo(-10.0);
        assertThat(iidm.getLoad("LOAD-4").getQ0()).isEqualTo(0.0);

        assertThat(network.network()).isSameAs(iidm);
        assertThat(network.matpowerCase()).isSameAs(third);
    }

    @Test
    void case118OverRandomisedOperatingPoints() {
        assertRandomisedOperatingPointsSolveAsBuilt(SharedCases.read("case118"), 118L);
    }

    @Test
    void caseRtsGmlcOverRandomisedOperatingPoints() {
        assertRandomisedOperatingPointsSolveAsBuilt(SharedCases.read("case_RTS_GMLC"), 73L);
    }

    @Test
    void aChangeOfStructureIsRejectedNamingTheFirstDifference() {
        MatpowerCase base = MatpowerCaseReader.read("four-bus", new StringReader(CASE));
        MatpowerNetwork network = MatpowerNetwork.of(base);
        String prefix = "case four-bus is not an operating point of case four-bus: ";
        String only = "; only bus PD, QD, VM, VA and generator PG, QG may change";

        assertRejected(network, withBus(base, 2, b -> bus(b, b.pdMw(), b.qdMvar(), b.gsMw(), 5.0, b.baseKv())),
                prefix + "bus 3 (number 3) BS 10.0 -> 5.0" + only);
        assertRejected(network, withBus(base, 1, b -> new MatpowerBus(b.number(), BusType.PQ, b.pdMw(), b.qdMvar(),
                        b.gsMw(), b.bsMvar(), b.area(), b.vmPu(), b.vaDeg(), b.baseKv(), b.zone(), b.vmaxPu(), b.vminPu(),
                        b.name())),
                prefix + "bus 2 (number 2) BUS_TYPE 2 -> 1" + only);
        assertRejected(network, withGenerator(base, 1, g -> generator(g, g.pgMw(), g.qgMvar(), 0)),
                prefix + "generator 2 (at bus 2) GEN_STATUS 1 -> 0" + only);
        assertRejected(network, withGenerator(base, 2, g -> new MatpowerGenerator(g.busNumber(), g.pgMw(), g.qgMvar(),
                        g.qmaxMvar(), g.qminMvar(), 1.04, g.mbaseMva(), g.status(), g.pmaxMw(), g.pminMw(), 0, 0, 0, 0, 0,
                        0, 0, 0, 0, 0, 0)),
                prefix + "generator 3 (at bus 4) VG 1.05 -> 1.04" + only);
        List<MatpowerBranch> branches = new ArrayList<>(base.branches());
        MatpowerBranch t = branches.get(1);
        branches.set(1, new MatpowerBranch(t.fromBus(), t.toBus(), t.rPu(), t.xPu(), t.bPu(), t.rateAMva(), t.rateBMva(),
                t.rateCMva(), 1.0, t.shiftDeg(), t.status(), t.angMinDeg(), t.angMaxDeg()));
        assertRejected(network, new MatpowerCase(base.name(), base.baseMva(), base.buses(), base.generators(), branches,
                base.costs()), prefix + "branch 2 (1 - 3) TAP 0.98 -> 1.0" + only);
        assertRejected(network, new MatpowerCase(base.name(), base.baseMva(), base.buses(), base.generators(),
                base.branches().subList(0, 3), base.costs()), prefix + "4 branches -> 3" + only);
        assertRejected(network, new MatpowerCase(base.name(), 50, base.buses(), base.generators(), base.branches(),
                base.costs()), prefix + "baseMVA 100.0 -> 50.0" + only);
    }

    @Test
    void aNonFiniteValueIsRejectedAndTheNetworkLeftUnchanged() {
        MatpowerCase base = MatpowerCaseReader.read("four-bus", new StringReader(CASE));
        MatpowerNetwork network = MatpowerNetwork.of(base);
        // demand at bus 4 is fine, but generator 3's PG is not: nothing may have been applied
        MatpowerCase updated = operatingPoint(base, new double[][] {{0, 0}, {55, 12}, {48, 18}, {20, 5}},
                new double[][] {{0, 0}, {30, 0}, {Double.NaN, 0}}, null);

        assertThatThrownBy(() -> network.withOperatingPoint(updated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("case four-bus is not an operating point of case four-bus: generator 3 (at bus 4) has PG NaN,"
                        + " QG 0.0 (both must be finite)");
        assertThat(network.network().getLoad("LOAD-4")).isNull();
        assertThat(network.network().getLoad("LOAD-2").getP0()).isEqualTo(50.0);
        assertThat(network.generator(1).getTargetP()).isEqualTo(40.0);
        assertSameResult(AcPowerFlow.solve(network, AcPowerFlowOptions.defaults()),
                AcPowerFlow.solve(MatpowerNetwork.of(base), AcPowerFlowOptions.defaults()), base.baseMva());
    }

    private static void assertRandomisedOperatingPointsSolveAsBuilt(MatpowerCase base, long seed) {
        Random random = new Random(seed);
        MatpowerNetwork network = MatpowerNetwork.of(base);
        MatpowerCase current = base;
        AcPowerFlowResult previous = null;
        for (int update = 0; update < 4; update++) {
            current = randomOperatingPoint(base, random, update % 2 == 1 ? previous : null);
            MatpowerNetwork updated = network.withOperatingPoint(current);
            assertThat(updated.network()).isSameAs(network.network());
            assertThat(updated.busIds()).isEqualTo(network.busIds());
            network = assertSameAsBuilt(updated, current, false);
            previous = AcPowerFlow.solve(network, AcPowerFlowOptions.defaults());
            assertThat(previous.converged()).as("update %d of %s", update + 1, base.name()).isTrue();
        }
    }

    /**
     * PD and QD within ±20 % of the base case (a bus without demand gets some now and then, a bus with demand loses
     * it now and then); PG within ±20 % of the base case's, inside [PMIN, PMAX] when it was, set to 0 or started now
     * and then; QG moved by up to ±10 Mvar; VM, VA of the previous solution when given.
     */
    private static MatpowerCase randomOperatingPoint(MatpowerCase base, Random random, AcPowerFlowResult previous) {
        List<MatpowerBus> buses = new ArrayList<>();
        for (int i = 0; i < base.buses().size(); i++) {
            MatpowerBus b = base.buses().get(i);
            double pd = b.pdMw() * (0.8 + 0.4 * random.nextDouble());
            double qd = b.qdMvar() * (0.8 + 0.4 * random.nextDouble());
            double draw = random.nextDouble();
            if (b.pdMw() == 0 && b.qdMvar() == 0 && draw < 0.3) {
                pd = 20 * random.nextDouble();
                qd = 5 * random.nextDouble();
            } else if (draw < 0.05) {
                pd = 0;
                qd = 0;
            }
            double vm = b.vmPu();
            double va = b.vaDeg();
            if (previous != null && !Double.isNaN(previous.buses().get(i).vmPu())) {
                vm = previous.buses().get(i).vmPu();
                va = previous.buses().get(i).vaDeg();
            }
            buses.add(new MatpowerBus(b.number(), b.type(), pd, qd, b.gsMw(), b.bsMvar(), b.area(), vm, va, b.baseKv(),
                    b.zone(), b.vmaxPu(), b.vminPu(), b.name()));
        }
        List<MatpowerGenerator> generators = new ArrayList<>();
        for (MatpowerGenerator g : base.generators()) {
            double pg = g.pgMw() * (0.8 + 0.4 * random.nextDouble());
            double draw = random.nextDouble();
            if (g.pgMw() == 0 && draw < 0.5) {
                pg = g.pminMw() + 0.2 * (g.pmaxMw() - g.pminMw()) * random.nextDouble();
            } else if (draw < 0.1) {
                pg = 0;
            } else if (g.pgMw() >= g.pminMw() && g.pgMw() <= g.pmaxMw()) {
                pg = Math.max(g.pminMw(), Math.min(g.pmaxMw(), pg));
            }
            double qg = g.qgMvar() + 20 * (random.nextDouble() - 0.5);
            generators.add(generator(g, pg, qg, g.status()));
        }
        return new MatpowerCase(base.name(), base.baseMva(), buses, generators, base.branches(), base.costs());
    }

    private static MatpowerNetwork assertSameAsBuilt(MatpowerNetwork network, MatpowerCase updated) {
        return assertSameAsBuilt(network.withOperatingPoint(updated), updated, true);
    }

    /** Both starts (the case, flat): the updated network solves as one built from the case; returns the network. */
    private static MatpowerNetwork assertSameAsBuilt(MatpowerNetwork updated, MatpowerCase c, boolean mustConverge) {
        for (AcPowerFlowOptions options : List.of(AcPowerFlowOptions.defaults(),
                AcPowerFlowOptions.defaults().withInitialState(AcPowerFlowOptions.InitialState.FLAT))) {
            AcPowerFlowResult expected = AcPowerFlow.solve(MatpowerNetwork.of(c), options);
            AcPowerFlowResult actual = AcPowerFlow.solve(updated, options);
            if (mustConverge) {
                assertThat(expected.converged()).isTrue();
            }
            assertSameResult(expected, actual, c.baseMva());
        }
        return updated;
    }

    private static void assertSameResult(AcPowerFlowResult expected, AcPowerFlowResult actual, double baseMva) {
        double mw = SAME * baseMva;
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.iterations()).isEqualTo(expected.iterations());
        assertThat(actual.slackBusNumber()).isEqualTo(expected.slackBusNumber());
        assertClose("losses", expected.activeLossesMw(), actual.activeLossesMw(), mw);
        for (int i = 0; i < expected.buses().size(); i++) {
            AcPowerFlowResult.BusResult e = expected.buses().get(i);
            AcPowerFlowResult.BusResult a = actual.buses().get(i);
            String bus = "bus " + e.busNumber();
            assertThat(a.type()).as(bus).isEqualTo(e.type());
            assertClose(bus + " vm", e.vmPu(), a.vmPu(), SAME);
            assertClose(bus + " va", e.vaDeg(), a.vaDeg(), SAME);
            assertClose(bus + " p", e.pInjectionMw(), a.pInjectionMw(), mw);
            assertClose(bus + " q", e.qInjectionMvar(), a.qInjectionMvar(), mw);
        }
        for (int g = 0; g < expected.generators().size(); g++) {
            AcPowerFlowResult.GeneratorResult e = expected.generators().get(g);
            AcPowerFlowResult.GeneratorResult a = actual.generators().get(g);
            assertThat(a.inService()).isEqualTo(e.inService());
            assertClose("generator " + g + " p", e.pMw(), a.pMw(), mw);
            assertClose("generator " + g + " q", e.qMvar(), a.qMvar(), mw);
        }
        for (int l = 0; l < expected.branches().size(); l++) {
            AcPowerFlowResult.BranchResult e = expected.branches().get(l);
            AcPowerFlowResult.BranchResult a = actual.branches().get(l);
            assertClose("branch " + l + " pf", e.pFromMw(), a.pFromMw(), mw);
            assertClose("branch " + l + " qf", e.qFromMvar(), a.qFromMvar(), mw);
            assertClose("branch " + l + " pt", e.pToMw(), a.pToMw(), mw);
            assertClose("branch " + l + " qt", e.qToMvar(), a.qToMvar(), mw);
        }
    }

    private static void assertClose(String what, double expected, double actual, double tolerance) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(Math.abs(actual - expected)).as(what + ": %s vs %s", actual, expected).isLessThanOrEqualTo(tolerance);
        }
    }

    private static void assertRejected(MatpowerNetwork network, MatpowerCase updated, String message) {
        assertThatThrownBy(() -> network.withOperatingPoint(updated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    /** The case with new {PD, QD} per bus and {PG, QG} per generator; VM, VA from a result when given. */
    private static MatpowerCase operatingPoint(MatpowerCase c, double[][] demand, double[][] output,
                                               AcPowerFlowResult start) {
        List<MatpowerBus> buses = new ArrayList<>();
        for (int i = 0; i < c.buses().size(); i++) {
            MatpowerBus b = c.buses().get(i);
            double vm = start == null ? b.vmPu() : start.buses().get(i).vmPu();
            double va = start == null ? b.vaDeg() : start.buses().get(i).vaDeg();
            buses.add(new MatpowerBus(b.number(), b.type(), demand[i][0], demand[i][1], b.gsMw(), b.bsMvar(), b.area(),
                    vm, va, b.baseKv(), b.zone(), b.vmaxPu(), b.vminPu(), b.name()));
        }
        List<MatpowerGenerator> generators = new ArrayList<>();
        for (int g = 0; g < c.generators().size(); g++) {
            MatpowerGenerator generator = c.generators().get(g);
            generators.add(generator(generator, output[g][0], output[g][1], generator.status()));
        }
        return new MatpowerCase(c.name(), c.baseMva(), buses, generators, c.branches(), c.costs());
    }

    private static MatpowerCase withBus(MatpowerCase c, int index, UnaryOperator<MatpowerBus> change) {
        List<MatpowerBus> buses = new ArrayList<>(c.buses());
        buses.set(index, change.apply(buses.get(index)));
        return new MatpowerCase(c.name(), c.baseMva(), buses, c.generators(), c.branches(), c.costs());
    }

    private static MatpowerCase withGenerator(MatpowerCase c, int index, UnaryOperator<MatpowerGenerator> change) {
        List<MatpowerGenerator> generators = new ArrayList<>(c.generators());
        generators.set(index, change.apply(generators.get(index)));
        return new MatpowerCase(c.name(), c.baseMva(), c.buses(), generators, c.branches(), c.costs());
    }

    private static MatpowerBus bus(MatpowerBus b, double pd, double qd, double gs, double bs, double baseKv) {
        return new MatpowerBus(b.number(), b.type(), pd, qd, gs, bs, b.area(), b.vmPu(), b.vaDeg(), baseKv, b.zone(),
                b.vmaxPu(), b.vminPu(), b.name());
    }

    private static MatpowerGenerator generator(MatpowerGenerator g, double pg, double qg, int status) {
        return new MatpowerGenerator(g.busNumber(), pg, qg, g.qmaxMvar(), g.qminMvar(), g.vgPu(), g.mbaseMva(), status,
                g.pmaxMw(), g.pminMw(), g.pc1Mw(), g.pc2Mw(), g.qc1minMvar(), g.qc1maxMvar(), g.qc2minMvar(),
                g.qc2maxMvar(), g.rampAgcMwPerMin(), g.ramp10Mw(), g.ramp30Mw(), g.rampQMvarPerMin(), g.apf());
    }
}
