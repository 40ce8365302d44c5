package io.gridai.dispatch.opf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.gridai.dispatch.opf.DispatchSolution.BindingConstraint;
import io.gridai.dispatch.opf.dc.DcNetwork;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerGenerator;
import io.gridai.network.PolynomialCost;

/**
 * Branch limits, binding constraints and locational marginal prices on IEEE 14 (no branch limits in the case): as
 * it is, and with branch 1 (bus 1 - bus 2, the unconstrained optimum's heaviest flow) rated below that flow.
 * Prices are checked against what they mean, the cost of one more MW of demand at a bus, measured by re-solving the
 * angle formulation with the demand moved.
 */
class NetworkPricesTest {

    /** $/MWh. */
    private static final double PRICE = 1e-6;
    /** MW by which demand is moved for a central difference; the optimum's active set does not change within it. */
    private static final double STEP_MW = 0.01;
    /** $/MWh: the central difference of an exact piecewise-quadratic cost, less the solver's own tolerance. */
    private static final double DIFFERENCE_PRICE = 1e-3;

    @Test
    void uncongestedCase14HasOnePriceEqualToTheMarginalUnitsCost() {
        MatpowerCase c = SharedCases.read("case14");
        DcOpf.Result result = DcOpf.solve(c);
        assertThat(result.optimal()).isTrue();
        double[] lmp = result.solution().lmp()[0];
        assertThat(result.solution().binding()).isEmpty();

        int marginal = 0;
        for (int g = 0; g < c.generators().size(); g++) {
            MatpowerGenerator gen = c.generators().get(g);
            double p = result.pgMw()[g];
            if (p > gen.pminMw() + 1e-3 && p < gen.pmaxMw() - 1e-3) {
                for (double price : lmp) {
                    assertThat(price).as("LMP vs the marginal cost of gen %d at %.3f MW", g + 1, p)
                            .isCloseTo(marginalCost(c, g, p), within(PRICE));
                }
                marginal++;
            }
        }
        assertThat(marginal).as("units strictly between their limits").isPositive();
        // and as a price: one more MW anywhere costs this much more
        assertThat(lmp[3]).isCloseTo(costDerivative(c, 3), within(DIFFERENCE_PRICE));
    }

    @Test
    void aLoweredRatingBindsAndSplitsPrices() {
        MatpowerCase base = SharedCases.read("case14");
        DcOpf.Result free = DcOpf.solve(base);
        double freeFlow;
        try (DcNetwork network = DcNetwork.of(base)) {
            assertThat(network.branchCaseIndex(0)).isZero();
            freeFlow = free.solution().flowsMw()[0][0];
        }
        assertThat(Math.abs(freeFlow)).as("unconstrained flow on branch 1").isGreaterThan(100);
        double rating = Math.floor(0.8 * Math.abs(freeFlow));
        MatpowerCase congested = CaseEdits.withBranch(base, 0, b -> CaseEdits.rateA(b, rating));

        DcOpf.Result result = DcOpf.solve(congested);
        DispatchSolution solution = result.solution();
        assertThat(result.optimal()).as(solution.message()).isTrue();

        double flow = solution.flowsMw()[0][0];
        assertThat(Math.abs(flow)).as("branch 1 flow at its new rating").isCloseTo(rating, within(1e-6));
        assertThat(solution.binding()).hasSize(1);
        BindingConstraint binding = solution.binding().get(0);
        assertThat(binding.kind()).isEqualTo(BindingConstraint.Kind.BRANCH_FLOW);
        assertThat(binding.caseRow()).isEqualTo(1);
        assertThat(binding.value()).isCloseTo(flow, within(1e-9));
        assertThat(binding.limit()).isEqualTo(Math.copySign(rating, flow));
        assertThat(binding.shadowPrice()).isPositive();
        assertThat(result.costPerHour()).isGreaterThan(free.costPerHour() + 1);

        // the same optimum as the angle formulation, solved on its own
        AngleFormulationOpf.Solution reference = AngleFormulationOpf.solve(congested);
        assertThat(result.costPerHour()).isCloseTo(reference.costPerHour(), within(1e-8 * reference.costPerHour()));
        for (int g = 0; g < congested.generators().size(); g++) {
            assertThat(result.pgMw()[g]).as("gen %d", g + 1).isCloseTo(reference.pgMw()[g], within(1e-3));
        }

        // prices: they differ across the constraint, and each is the cost of 1 MW more demand at its bus
        double[] lmp = solution.lmp()[0];
        assertThat(Arrays.stream(lmp).max().getAsDouble() - Arrays.stream(lmp).min().getAsDouble()).isGreaterThan(1);
        for (int i = 0; i < lmp.length; i++) {
            assertThat(lmp[i]).as("LMP at bus %d", i + 1).isCloseTo(costDerivative(congested, i), within(DIFFERENCE_PRICE));
        }
        // a unit strictly between its limits is paid its marginal cost at its own bus
        int marginal = 0;
        for (int g = 0; g < congested.generators().size(); g++) {
            MatpowerGenerator gen = congested.generators().get(g);
            double p = result.pgMw()[g];
            if (p > gen.pminMw() + 1e-3 && p < gen.pmaxMw() - 1e-3) {
                int bus = congested.busIndexByNumber().get(gen.busNumber());
                assertThat(lmp[bus]).as("LMP at gen %d's bus", g + 1).isCloseTo(marginalCost(congested, g, p), within(PRICE));
                marginal++;
            }
        }
        assertThat(marginal).isGreaterThanOrEqualTo(2);
        // watching the branch from the start gives the same optimum in one round; one round without it is not enough
        try (DcNetwork network = DcNetwork.of(congested)) {
            DispatchProblem problem = DispatchProblem.singlePeriod(network);
            DispatchSolution lazy = Dispatcher.solve(problem);
            DispatchSolution watched = Dispatcher.solve(problem.withWatchBranches(Set.of(0)));
            assertThat(lazy.stats().rounds()).isEqualTo(2);
            assertThat(watched.stats().rounds()).isEqualTo(1);
            assertThat(watched.objective()).isCloseTo(lazy.objective(), within(1e-8 * lazy.objective()));
            assertThat(watched.unitMw()[0]).containsExactly(lazy.unitMw()[0], within(1e-6));
            DispatchSolution cut = Dispatcher.solve(problem.withSettings(new DispatchSettings(false, 10_000, 10_000, 1e-6, 1,
                    DispatchSettings.defaults().timeLimit())));
            assertThat(cut.status()).isEqualTo(DispatchSolution.Status.ROUND_LIMIT);
            assertThat(cut.message()).contains("raise maxRounds");
        }
        // the shadow price is what one more MW of rating is worth
        double costTighter = AngleFormulationOpf.solve(CaseEdits.withBranch(base, 0, b -> CaseEdits.rateA(b, rating - STEP_MW))).costPerHour();
        double costLooser = AngleFormulationOpf.solve(CaseEdits.withBranch(base, 0, b -> CaseEdits.rateA(b, rating + STEP_MW))).costPerHour();
        assertThat(binding.shadowPrice()).isCloseTo((costTighter - costLooser) / (2 * STEP_MW), within(DIFFERENCE_PRICE));
    }

    /**
     * Branch 1 of IEEE 14 opens about 5 degrees without limits; ANGMAX 4 degrees (ANGMIN -360: that side open) binds,
     * through the same PTDF rows scaled to radians.
     */
    @Test
    void anAngleDifferenceLimitBindsAsInTheAngleFormulation() {
        MatpowerCase base = SharedCases.read("case14");
        double limitDeg = 4;
        MatpowerCase limited = CaseEdits.withBranch(base, 0, b -> CaseEdits.angleLimits(b, -360, limitDeg));

        DcOpf.Result result = DcOpf.solve(limited);
        DispatchSolution solution = result.solution();
        assertThat(result.optimal()).as(solution.message()).isTrue();

        double diff = solution.anglesDeg()[0][0] - solution.anglesDeg()[0][1];
        assertThat(diff).as("angle 1 - angle 2, degrees").isCloseTo(limitDeg, within(1e-6));
        assertThat(solution.binding()).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(BindingConstraint.Kind.ANGLE_DIFFERENCE);
            assertThat(b.caseRow()).isEqualTo(1);
            assertThat(b.value()).isCloseTo(limitDeg, within(1e-6));
            assertThat(b.limit()).isCloseTo(limitDeg, within(1e-12));
        });
        AngleFormulationOpf.Solution reference = AngleFormulationOpf.solve(limited);
        assertThat(result.costPerHour()).isCloseTo(reference.costPerHour(), within(1e-8 * reference.costPerHour()));
        for (int g = 0; g < limited.generators().size(); g++) {
            assertThat(result.pgMw()[g]).as("gen %d", g + 1).isCloseTo(reference.pgMw()[g], within(1e-3));
        }
        double[] lmp = solution.lmp()[0];
        for (int i : new int[] {0, 1, 4, 13}) {
            assertThat(lmp[i]).as("LMP at bus %d", i + 1).isCloseTo(costDerivative(limited, i), within(DIFFERENCE_PRICE));
        }
        // $/h per degree of more room
        double stepDeg = 0.001;
        double tighter = AngleFormulationOpf.solve(CaseEdits.withBranch(base, 0, b -> CaseEdits.angleLimits(b, -360, limitDeg - stepDeg)))
                .costPerHour();
        double looser = AngleFormulationOpf.solve(CaseEdits.withBranch(base, 0, b -> CaseEdits.angleLimits(b, -360, limitDeg + stepDeg)))
                .costPerHour();
        assertThat(solution.binding().get(0).shadowPrice()).isCloseTo((tighter - looser) / (2 * stepDeg), within(DIFFERENCE_PRICE));
    }

    /** d cost / d demand at a bus (0-based row), by a central difference of the angle formulation. */
    private static double costDerivative(MatpowerCase c, int busRow) {
        double pd = c.buses().get(busRow).pdMw();
        double up = AngleFormulationOpf.solve(CaseEdits.withBus(c, busRow, b -> CaseEdits.demand(b, pd + STEP_MW))).costPerHour();
        double down = AngleFormulationOpf.solve(CaseEdits.withBus(c, busRow, b -> CaseEdits.demand(b, pd - STEP_MW))).costPerHour();
        return (up - down) / (2 * STEP_MW);
    }

    private static double marginalCost(MatpowerCase c, int g, double p) {
        List<Double> k = ((PolynomialCost) c.costs().get(g)).coefficients();
        assertThat(k).as("gen %d cost coefficients", g + 1).hasSize(3);
        return k.get(1) + 2 * k.get(0) * p;
    }
}
