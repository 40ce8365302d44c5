package io.gridai.dispatch.opf;

import static io.gridai.dispatch.opf.SmallGrids.period;
import static io.gridai.dispatch.opf.SmallGrids.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridai.dispatch.opf.DispatchSolution.BindingConstraint;
import io.gridai.dispatch.opf.DispatchSolution.Status;
import io.gridai.dispatch.opf.dc.DcNetwork;

/**
 * Multi-period dispatch on the three-bus grids of {@link SmallGrids}, each case solved by hand in its comment; the
 * expected figures are those hand solutions. Units have linear costs, so every optimum here is a vertex the argument
 * pins down, and the prices are the marginal costs the argument names.
 */
class MultiPeriodDispatchTest {

    /** MW and MWh: an LP vertex is exact up to the solver's feasibility tolerance. */
    private static final double MW = 1e-6;
    /** $/MWh. */
    private static final double PRICE = 1e-6;
    private static final double NAN = Double.NaN;

    /**
     * G1 at bus 1, 10 $/MWh, ramps 30 MW/h from 50 MW now; G2 at bus 3, 50 $/MWh, no ramp limit; demand at bus 2 of
     * 60, 150, 150, 80 MW over four hours. G1 can reach 80 in hour 1 but demand is 60; so at most 90 in hour 2 and G2
     * makes up 60; hour 4 needs G1 at 80, so hour 3 at most 110 (it must come down 30) and G2 gives 40.
     * G1 = 60, 90, 110, 80; G2 = 0, 60, 40, 0; cost 10 x 340 + 50 x 100 = 8400 $.
     * Prices: 1 MW more in hour 1 lets G1 reach 1 MW higher in hour 2 and displace G2: 10 - 40 = -30 $/MWh; the same
     * in hour 4 through hour 3; hours 2 and 3 are priced by G2, 50.
     */
    @Test
    void rampLimitsHoldBetweenPeriodsAndFromTheInitialOutput() {
        try (DcNetwork net = DcNetwork.of(SmallGrids.triangle(0, 0, 0))) {
            DispatchUnit g1 = new DispatchUnit("G1", -1, 0, 0, 200, SmallGrids.linearCost(10), 30, OptionalDouble.of(50), false);
            DispatchUnit g2 = unit("G2", 2, 200, 50);
            double[] demand = {60, 150, 150, 80};
            List<DispatchPeriod> periods = new ArrayList<>();
            for (int t = 0; t < demand.length; t++) {
                periods.add(period(t, 1, new double[] {0, demand[t], 0}, new double[] {NAN, NAN}));
            }
            DispatchProblem problem = new DispatchProblem(net, List.of(g1, g2), List.of(), periods, DispatchSettings.defaults(), Set.of());

            DispatchSolution s = Dispatcher.solve(problem);

            assertThat(s.status()).as(s.message()).isEqualTo(Status.OPTIMAL);
            double[] expectedG1 = {60, 90, 110, 80};
            double[] expectedG2 = {0, 60, 40, 0};
            double[] expectedLmp = {-30, 50, 50, -30};
            double previous = 50;
            for (int t = 0; t < 4; t++) {
                assertThat(s.unitMw()[t][0]).as("G1, hour %d", t + 1).isCloseTo(expectedG1[t], within(MW));
                assertThat(s.unitMw()[t][1]).as("G2, hour %d", t + 1).isCloseTo(expectedG2[t], within(MW));
                assertThat(Math.abs(s.unitMw()[t][0] - previous)).as("G1 ramp into hour %d", t + 1).isLessThanOrEqualTo(30 + MW);
                previous = s.unitMw()[t][0];
                for (int i = 0; i < 3; i++) {
                    assertThat(s.lmp()[t][i]).as("LMP hour %d bus %d", t + 1, i + 1).isCloseTo(expectedLmp[t], within(PRICE));
                    assertThat(s.shedMw()[t][i]).isZero();
                    assertThat(s.surplusMw()[t][i]).isZero();
                }
            }
            assertThat(s.objective()).isCloseTo(8400, within(1e-6));
            assertThat(s.periodCostPerHour()).containsExactly(new double[] {600, 3900, 3100, 800}, within(1e-6));

            // Without the ramp limit G1 serves everything: the limit is what costs the 4000 $.
            DispatchUnit g1Free = new DispatchUnit("G1", -1, 0, 0, 200, g1.cost(), Double.POSITIVE_INFINITY, g1.initialMw(), false);
            DispatchSolution free = Dispatcher.solve(problem.withUnits(List.of(g1Free, g2)));
            assertThat(free.objective()).isCloseTo(4400, within(1e-6));
        }
    }

    /**
     * A battery at bus 2 (0-100 MWh, 40 MW each way, 90 % each way, 10 MWh now and at the end) beside wind at bus 1
     * (free, 100 MW available in hour 1 only), G1 at bus 1 (10 $/MWh, 100 MW), G2 at bus 3 (50 $/MWh, 50 MW), G3 at
     * bus 3 (80 $/MWh, 200 MW); demand at bus 2 of 50, 200, 50, 120 MW.
     * Hour 1: the wind serves the demand and charges 40 MW (10 MW of wind left: curtailed). Hour 2: discharge 40 MW,
     * displacing G3 at 80. Hour 4: discharge 20 MW displaces G2 at 50 (more would displace G1 at 10, less than the
     * 10 / 0.81 it costs to store); hour 3 charges from G1 exactly what hour 4 and the final 10 MWh need:
     * c = (40/0.9 + 20/0.9 - 0.9 x 40) / 0.9 = 34.07 MW, the same for any period length since every energy scales
     * with it. Prices: 0 (wind marginal), 80 (G3), 10 (G1), 10/0.81 (the battery, refilled from G1).
     */
    @ParameterizedTest(name = "periods of {0} h")
    @ValueSource(doubles = {1.0, 0.5})
    void batteryChargesWhenCheapDischargesWhenDearAndKeepsItsBalance(double hours) {
        try (DcNetwork net = DcNetwork.of(SmallGrids.triangle(0, 0, 0))) {
            DispatchUnit wind = unit("W", 0, 150, 0).withCurtailable(true);
            List<DispatchUnit> units = List.of(wind, unit("G1", 0, 100, 10), unit("G2", 2, 50, 50), unit("G3", 2, 200, 80));
            StorageUnit battery = new StorageUnit("B", 1, 0, 100, 40, 40, 0.9, 0.9, 10, 10, 0);
            double[] demand = {50, 200, 50, 120};
            double[] windAvailable = {100, 0, 0, 0};
            List<DispatchPeriod> periods = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                periods.add(period(t, hours, new double[] {0, demand[t], 0}, new double[] {windAvailable[t], NAN, NAN, NAN}));
            }
            DispatchProblem problem = new DispatchProblem(net, units, List.of(battery), periods, DispatchSettings.defaults(), Set.of());

            DispatchSolution s = Dispatcher.solve(problem);

            assertThat(s.status()).as(s.message()).isEqualTo(Status.OPTIMAL);
            double c3 = (40 / 0.9 + 20 / 0.9 - 0.9 * 40) / 0.9;
            assertThat(c3).isCloseTo(34.074, within(1e-3));
            double[] charge = {40, 0, c3, 0};
            double[] discharge = {0, 40, 0, 20};
            double[][] unitMw = {{90, 0, 0, 0}, {0, 100, 50, 10}, {0, 50 + c3, 0, 0}, {0, 100, 0, 0}};
            double[] lmp = {0, 80, 10, 10 / 0.81};
            double soc = 10;
            for (int t = 0; t < 4; t++) {
                assertThat(s.chargeMw()[t][0]).as("charge, period %d", t + 1).isCloseTo(charge[t], within(MW));
                assertThat(s.dischargeMw()[t][0]).as("discharge, period %d", t + 1).isCloseTo(discharge[t], within(MW));
                for (int u = 0; u < 4; u++) {
                    assertThat(s.unitMw()[t][u]).as("%s, period %d", units.get(u).id(), t + 1).isCloseTo(unitMw[t][u], within(MW));
                }
                for (int i = 0; i < 3; i++) {
                    assertThat(s.lmp()[t][i]).as("LMP period %d bus %d", t + 1, i + 1).isCloseTo(lmp[t], within(PRICE));
                }
                // the state of charge follows its equation from the solution's own charge and discharge
                soc = soc + 0.9 * s.chargeMw()[t][0] * hours - s.dischargeMw()[t][0] * hours / 0.9;
                assertThat(s.socMwh()[t][0]).as("SoC after period %d", t + 1).isCloseTo(soc, within(1e-9));
                assertThat(s.socMwh()[t][0]).isBetween(0.0 - MW, 100.0 + MW);
                // charging only when energy is cheap, discharging only when it is dear
                if (s.chargeMw()[t][0] > MW) {
                    assertThat(s.lmp()[t][1]).isLessThanOrEqualTo(10 + PRICE);
                }
                if (s.dischargeMw()[t][0] > MW) {
                    assertThat(s.lmp()[t][1]).isGreaterThan(12);
                }
            }
            assertThat(s.socMwh()[3][0]).as("final state of charge").isCloseTo(10, within(MW));
            // wind: 100 MW available in hour 1, 90 used
            assertThat(s.curtailedMw()[0][0]).isCloseTo(10, within(MW));
            assertThat(s.curtailedMw()[0][0]).isCloseTo(windAvailable[0] - s.unitMw()[0][0], within(1e-12));
            for (int t = 1; t < 4; t++) {
                assertThat(s.curtailedMw()[t][0]).isCloseTo(0, within(MW));
            }
            assertThat(s.curtailedMw()[0][1]).as("G1 is not curtailable").isZero();
            double costPerHourSum = 4300 + 10 * (50 + c3) + 1000;
            assertThat(s.objective()).isCloseTo(costPerHourSum * hours, within(1e-6));
            assertThat(s.shedMwh(periods)).isZero();
        }
    }

    /**
     * A manual hold: G1 (10 $/MWh) is fixed at 30 MW in hour 1 and at -5 MW (clamped to its PMIN 0) in hour 2, free in
     * hour 3; demand is 100 MW at bus 2 each hour. The battery (no wear cost, 10 MWh of 100) is fixed to discharge
     * 9 MW in hour 1 and to charge 50 MW in hour 2 (clamped to its 40 MW), free in hour 3. G2 (50 $/MWh) makes up the
     * rest: 100 - 30 - 9 = 61, then 100 + 40 = 140. In hour 3 the battery may come down from 10 - 9/0.9 + 0.9 x 40 =
     * 36 MWh to its final 10 MWh: it delivers 26 x 0.9 = 23.4 MW for free, displacing G1, which gives 76.6; G2 is off.
     */
    @Test
    void fixedOutputsHoldInTheirPeriodsOnlyAndAreClampedIntoTheLimits() {
        try (DcNetwork net = DcNetwork.of(SmallGrids.triangle(0, 0, 0))) {
            List<DispatchUnit> units = List.of(unit("G1", 0, 200, 10), unit("G2", 2, 200, 50));
            StorageUnit battery = new StorageUnit("B", 1, 0, 100, 40, 40, 0.9, 0.9, 10, 10, 0);
            double[][] fixedUnit = {{30, NAN}, {-5, NAN}, {NAN, NAN}};
            double[][] fixedBattery = {{9}, {-50}, {NAN}};
            List<DispatchPeriod> periods = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                DispatchPeriod p = period(t, 1, new double[] {0, 100, 0}, new double[] {NAN, NAN});
                periods.add(new DispatchPeriod(p.start(), p.length(), p.demandMw(), p.availableMw(), fixedUnit[t], fixedBattery[t]));
            }
            DispatchProblem problem = new DispatchProblem(net, units, List.of(battery), periods, DispatchSettings.defaults(), Set.of());

            DispatchSolution s = Dispatcher.solve(problem);

            assertThat(s.status()).as(s.message()).isEqualTo(Status.OPTIMAL);
            assertThat(s.unitMw()[0][0]).isCloseTo(30, within(MW));
            assertThat(s.dischargeMw()[0][0] - s.chargeMw()[0][0]).isCloseTo(9, within(MW));
            assertThat(s.unitMw()[0][1]).isCloseTo(61, within(MW));
            assertThat(s.unitMw()[1][0]).as("PMIN").isCloseTo(0, within(MW));
            assertThat(s.dischargeMw()[1][0] - s.chargeMw()[1][0]).as("the charge limit").isCloseTo(-40, within(MW));
            assertThat(s.unitMw()[1][1]).isCloseTo(140, within(MW));
            assertThat(s.socMwh()[1][0]).isCloseTo(10 - 9 / 0.9 + 0.9 * 40, within(MW));
            assertThat(s.dischargeMw()[2][0]).as("free again: back to the final 10 MWh").isCloseTo(26 * 0.9, within(MW));
            assertThat(s.unitMw()[2][0]).isCloseTo(100 - 26 * 0.9, within(MW));
            assertThat(s.unitMw()[2][1]).as("free again: the dear unit is off").isCloseTo(0, within(MW));
        }
    }

    /**
     * Wind at bus 3 (free, 150 MW available), G1 at bus 1 (20 $/MWh), 150 MW of demand at bus 2, the line 2-3 rated
     * 60 MW. The flow from 3 to 2 is 2/3 of the wind plus 1/3 of G1's output: 50 + W/3 <= 60, so W = 30 and 120 MW
     * of wind is curtailed. Prices: 20 at bus 1 (G1), 0 at bus 3 (wind), and at bus 2, 20 + 60/3 = 40 with a shadow
     * price of 60 $/MWh on the line (bus 3 is 0 = 20 - 60/3).
     */
    @Test
    void theNetworkForcesCurtailment() {
        try (DcNetwork net = DcNetwork.of(SmallGrids.triangle(0, 0, 60))) {
            List<DispatchUnit> units = List.of(unit("W", 2, 150, 0).withCurtailable(true), unit("G1", 0, 200, 20));
            DispatchProblem problem = new DispatchProblem(net, units, List.of(),
                    List.of(period(0, 1, new double[] {0, 150, 0}, new double[] {150, NAN})), DispatchSettings.defaults(), Set.of());

            DispatchSolution s = Dispatcher.solve(problem);

            assertThat(s.status()).as(s.message()).isEqualTo(Status.OPTIMAL);
            assertThat(s.unitMw()[0][0]).isCloseTo(30, within(MW));
            assertThat(s.curtailedMw()[0][0]).isCloseTo(120, within(MW));
            assertThat(s.unitMw()[0][1]).isCloseTo(120, within(MW));
            assertThat(s.flowsMw()[0][2]).as("flow 2 -> 3").isCloseTo(-60, within(MW));
            assertThat(s.lmp()[0]).containsExactly(new double[] {20, 40, 0}, within(PRICE));
            assertThat(s.binding()).singleElement().satisfies(b -> {
                assertThat(b.kind()).isEqualTo(BindingConstraint.Kind.BRANCH_FLOW);
                assertThat(b.caseRow()).isEqualTo(3);
                assertThat(b.shadowPrice()).isCloseTo(60, within(PRICE));
            });
            assertThat(s.objective()).isCloseTo(2400, within(1e-6));

            // With a free line nothing is curtailed: the wind takes the whole 150 MW.
            DispatchSolution open;
            try (DcNetwork unlimited = DcNetwork.of(SmallGrids.triangle(0, 0, 0))) {
                open = Dispatcher.solve(new DispatchProblem(unlimited, units, List.of(), problem.periods(), DispatchSettings.defaults(),
                        Set.of()));
            }
            assertThat(open.curtailedMw()[0][0]).isCloseTo(0, within(MW));
            assertThat(open.objective()).isCloseTo(0, within(1e-6));
        }
    }

    /**
     * A chain 1 - 2 - 3, line 2-3 rated 100 MW, G1 at bus 1 (20 $/MWh, 500 MW). Demand at bus 2 is 50 MW; at bus 3,
     * 80 MW in hour 1 (served) and 150 MW in hour 2: only 100 MW reach bus 3, so 50 MW are shed there and nowhere
     * else. Cost 20 x (130 + 150) + 10 000 x 50 = 505 600 $; bus 3's price in hour 2 is the value of lost load.
     * Without the balance slack the same problem has no solution.
     */
    @Test
    void loadIsShedOnlyWhereTheNetworkCannotDeliverIt() {
        try (DcNetwork net = DcNetwork.of(SmallGrids.chain(0, 100))) {
            DispatchProblem problem = new DispatchProblem(net, List.of(unit("G1", 0, 500, 20)), List.of(),
                    List.of(period(0, 1, new double[] {0, 50, 80}, new double[] {NAN}), period(1, 1, new double[] {0, 50, 150}, new double[] {NAN})),
                    DispatchSettings.defaults(), Set.of());

            DispatchSolution s = Dispatcher.solve(problem);

            assertThat(s.status()).as(s.message()).isEqualTo(Status.OPTIMAL);
            assertThat(s.shedMw()[0]).containsExactly(new double[] {0, 0, 0}, within(MW));
            assertThat(s.shedMw()[1]).containsExactly(new double[] {0, 0, 50}, within(MW));
            assertThat(s.unitMw()[0][0]).isCloseTo(130, within(MW));
            assertThat(s.unitMw()[1][0]).isCloseTo(150, within(MW));
            assertThat(s.flowsMw()[1][1]).isCloseTo(100, within(MW));
            assertThat(s.lmp()[0]).containsExactly(new double[] {20, 20, 20}, within(PRICE));
            assertThat(s.lmp()[1]).containsExactly(new double[] {20, 20, 10_000}, within(PRICE));
            assertThat(s.objective()).isCloseTo(505_600, within(1e-6));
            assertThat(s.shedMwh(problem.periods())).isCloseTo(50, within(MW));

            DispatchSolution strict = Dispatcher.solve(problem.withSettings(DispatchSettings.defaults().withBalanceSlack(false)));
            assertThat(strict.status()).isEqualTo(Status.INFEASIBLE);
            assertThat(strict.message()).contains("no dispatch serves the demand").contains("allow load shedding");
            assertThat(strict.optimal()).isFalse();
        }
    }

    /**
     * A must-run unit (PMIN 100 MW) and 60 MW of demand: 40 MW of surplus at its bus, priced at minus the surplus
     * penalty (1 MW more demand saves 1 MW of surplus); without the balance slack, INFEASIBLE.
     */
    @Test
    void mustRunOutputAboveDemandShowsAsSurplus() {
        try (DcNetwork net = DcNetwork.of(SmallGrids.chain(0, 0))) {
            DispatchUnit mustRun = unit("G1", 0, 200, 10).withLimits(100, 200);
            DispatchProblem problem = new DispatchProblem(net, List.of(mustRun), List.of(),
                    List.of(period(0, 1, new double[] {0, 60, 0}, new double[] {NAN})), DispatchSettings.defaults(), Set.of());

            DispatchSolution s = Dispatcher.solve(problem);

            assertThat(s.status()).as(s.message()).isEqualTo(Status.OPTIMAL);
            assertThat(s.unitMw()[0][0]).isCloseTo(100, within(MW));
            assertThat(s.surplusMw()[0]).containsExactly(new double[] {40, 0, 0}, within(MW));
            assertThat(s.shedMw()[0]).containsExactly(new double[] {0, 0, 0}, within(MW));
            assertThat(s.lmp()[0]).containsExactly(new double[] {-10_000, -10_000, -10_000}, within(PRICE));
            assertThat(s.objective()).isCloseTo(10 * 100 + 10_000 * 40, within(1e-6));
            assertThat(Dispatcher.solve(problem.withSettings(DispatchSettings.matpower())).status()).isEqualTo(Status.INFEASIBLE);
        }
    }
}
