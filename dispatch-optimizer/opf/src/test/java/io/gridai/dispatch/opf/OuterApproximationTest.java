package io.gridai.dispatch.opf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.gridai.dispatch.opf.DispatchSettings.QuadraticCosts;
import io.gridai.dispatch.opf.dc.DcNetwork;
import io.gridai.network.MatpowerCase;

/**
 * Quadratic costs as tangent cuts (what large horizons use) against the exact QP, on IEEE 118 over 24 hours with ramp
 * limits: the same cost to 1e-9 relative and the same dispatch to 0.01 MW; and which one AUTO picks.
 */
class OuterApproximationTest {

    @Test
    void tangentCutsReachTheExactQpOptimumOverADayWithRamps() {
        MatpowerCase c = SharedCases.read("case118");
        try (DcNetwork net = DcNetwork.of(c)) {
            DispatchProblem problem = day(net);

            DispatchSolution exact = Dispatcher.solve(problem.withSettings(problem.settings().withQuadraticCosts(QuadraticCosts.EXACT_QP)));
            DispatchSolution cuts = Dispatcher.solve(problem.withSettings(problem.settings()
                    .withQuadraticCosts(QuadraticCosts.OUTER_APPROXIMATION)));

            assertThat(exact.optimal()).as(exact.message()).isTrue();
            assertThat(cuts.optimal()).as(cuts.message()).isTrue();
            assertThat(exact.stats().outerApproximation()).isFalse();
            assertThat(cuts.stats().outerApproximation()).isTrue();
            assertThat(cuts.stats().quadratic()).isZero();
            assertThat(cuts.stats().cuts()).isGreaterThan(5 * 54 * 24);
            double exactCost = Arrays.stream(exact.periodCostPerHour()).sum();
            double cutCost = Arrays.stream(cuts.periodCostPerHour()).sum();
            assertThat(cutCost).isCloseTo(exactCost, within(1e-9 * exactCost));
            assertThat(cuts.objective()).isLessThanOrEqualTo(exact.objective() + 1e-9 * exact.objective()); // cuts under-estimate
            for (int t = 0; t < 24; t++) {
                for (int u = 0; u < problem.units().size(); u++) {
                    assertThat(cuts.unitMw()[t][u]).as("period %d unit %s", t, problem.units().get(u).id())
                            .isCloseTo(exact.unitMw()[t][u], within(0.01));
                }
            }
        }
    }

    @Test
    void autoSolvesOnePeriodExactlyAndALargeHorizonWithCuts() {
        MatpowerCase c = SharedCases.read("case118");
        try (DcNetwork net = DcNetwork.of(c)) {
            DispatchProblem day = day(net);
            assertThat(day.settings().quadraticCosts()).isEqualTo(QuadraticCosts.AUTO);
            assertThat(Dispatcher.solve(day).stats().outerApproximation()).as("54 units x 24 h > 500").isTrue();
            DispatchSolution one = Dispatcher.solve(DispatchProblem.singlePeriod(net));
            assertThat(one.stats().outerApproximation()).isFalse();
            assertThat(one.stats().cuts()).isZero();
        }
    }

    /** IEEE 118's demand on a daily cosine (0.6 to 1.0 of the case), ramps of 10 % PMAX per hour, no shedding columns (HiGHS's exact QP ended in a solve error with them). */
    private static DispatchProblem day(DcNetwork net) {
        List<DispatchUnit> units = new ArrayList<>();
        for (DispatchUnit u : DispatchProblem.unitsOf(net)) {
            units.add(new DispatchUnit(u.id(), u.caseIndex(), u.bus(), u.pminMw(), u.pmaxMw(), u.cost(), 0.1 * u.pmaxMw(), u.initialMw(),
                    false));
        }
        List<DispatchPeriod> periods = new ArrayList<>();
        for (int t = 0; t < 24; t++) {
            double factor = 0.8 - 0.2 * Math.cos(2 * Math.PI * (t - 4) / 24);
            double[] demand = new double[net.busCount()];
            for (int i = 0; i < demand.length; i++) {
                demand[i] = net.fixedDemandMw(i) * factor;
            }
            double[] available = new double[units.size()];
            Arrays.fill(available, Double.NaN);
            periods.add(new DispatchPeriod(Instant.parse("2020-07-01T00:00:00Z").plus(Duration.ofHours(t)), Duration.ofHours(1), demand,
                    available));
        }
        return new DispatchProblem(net, units, List.of(), periods, DispatchSettings.defaults().withBalanceSlack(false), Set.of());
    }
}
