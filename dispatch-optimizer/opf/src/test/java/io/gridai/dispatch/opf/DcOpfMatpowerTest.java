package io.gridai.dispatch.opf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridai.dispatch.opf.dc.DcNetwork;
import io.gridai.dispatch.opf.highs.QpResult;
import io.gridai.network.MatpowerCase;
import io.gridai.network.PiecewiseLinearCost;
import io.gridai.network.PolynomialCost;

/**
 * {@link DcOpf} against MATPOWER: the published {@code rundcopf} costs, and for every shared case the same problem in
 * MATPOWER's angle form ({@link AngleFormulationOpf}), solved separately.
 */
class DcOpfMatpowerTest {

    /** Relative tolerance on the cost against the angle formulation: both are exact optima of the same problem. */
    private static final double COST_REL = 1e-8;
    /** MW, on outputs the problem fixes uniquely (strictly convex costs). */
    private static final double DISPATCH_MW = 1e-3;
    /** MW over RATE_A a flow may read at the optimum (solver feasibility tolerance). */
    private static final double RATING_MW = 1e-6;

    @ParameterizedTest(name = "{0}: {1} $/h")
    @CsvSource({"case9, 5216.03", "case14, 7642.59", "case24_ieee_rts, 61001.24"})
    void costEqualsMatpowersPublishedValue(String name, double matpowerCost) {
        DcOpf.Result result = DcOpf.solve(SharedCases.read(name));

        assertThat(result.optimal()).as(result.solution().message()).isTrue();
        // MATPOWER prints two decimals: 1e-6 relative is wider than the rounding, narrower than any real difference.
        assertThat(result.costPerHour()).isCloseTo(matpowerCost, within(1e-6 * matpowerCost));
    }

    @ParameterizedTest
    @ValueSource(strings = {"case9", "case14", "case24_ieee_rts", "case30", "case39", "case57", "case118", "case300",
            "case_ACTIVSg200", "case_RTS_GMLC", "case2383wp", "case_ACTIVSg2000"})
    void equalsTheAngleFormulation(String name) {
        MatpowerCase c = SharedCases.read(name);
        AngleFormulationOpf.Solution reference = AngleFormulationOpf.solve(c);
        assertThat(reference.status()).as("reference formulation").isEqualTo(QpResult.Status.OPTIMAL);
        // The reference's cost comes from its own dispatch through the cost curves, and agrees with HiGHS's optimum.
        assertThat(reference.costPerHour()).isCloseTo(reference.objective(), within(COST_REL * Math.abs(reference.objective())));
        for (int g = 0; g < c.generators().size(); g++) {
            if (!Double.isNaN(reference.pwlCostPerHour()[g])) {
                // the cost variable sits on the highest of the segments' lines (the curve itself, where it is convex;
                // case_RTS_GMLC has nearly collinear segments whose rounded slopes dip by ~1e-6 $/MWh)
                assertThat(reference.pwlCostPerHour()[g]).as("gen %d cost variable", g + 1)
                        .isCloseTo(highestSegmentLine((PiecewiseLinearCost) c.costs().get(g), reference.pgMw()[g]), within(1e-6));
            }
        }

        try (DcNetwork network = DcNetwork.of(c)) {
            DcOpf.Result result = DcOpf.solve(network, DispatchSettings.matpower());
            DispatchSolution solution = result.solution();
            assertThat(result.optimal()).as(solution.message()).isTrue();

            assertThat(result.costPerHour()).isCloseTo(reference.costPerHour(), within(COST_REL * Math.abs(reference.costPerHour())));

            boolean everyUnitStrictlyConvex = true;
            for (int g = 0; g < c.generators().size(); g++) {
                if (!c.generators().get(g).inService() || network.busIndex(c.generators().get(g).busNumber()) < 0) {
                    assertThat(result.pgMw()[g]).as("gen %d is out of service", g + 1).isZero();
                    continue;
                }
                if (strictlyConvex(c, g)) {
                    assertThat(result.pgMw()[g]).as("gen %d", g + 1).isCloseTo(reference.pgMw()[g], within(DISPATCH_MW));
                } else {
                    everyUnitStrictlyConvex = false;
                }
            }

            for (int l = 0; l < network.branchCount(); l++) {
                double flow = solution.flowsMw()[0][l];
                double rate = network.rateMw(l);
                if (rate > 0) {
                    assertThat(Math.abs(flow)).as("branch row %d flow vs RATE_A", network.branchCaseIndex(l) + 1)
                            .isLessThanOrEqualTo(rate + RATING_MW);
                }
                if (network.hasAngleLimit(l)) {
                    double diff = Math.toRadians(solution.anglesDeg()[0][network.branchFrom(l)] - solution.anglesDeg()[0][network.branchTo(l)]);
                    assertThat(diff).as("branch row %d angle difference", network.branchCaseIndex(l) + 1)
                            .isBetween(network.angleMinRad(l) - 1e-8, network.angleMaxRad(l) + 1e-8);
                }
                if (everyUnitStrictlyConvex) {
                    // unique injections: unique flows, which checks the PTDF model (phase shifters included) against B-theta
                    assertThat(flow).as("branch row %d flow", network.branchCaseIndex(l) + 1)
                            .isCloseTo(reference.flowMw()[network.branchCaseIndex(l)], within(DISPATCH_MW));
                }
            }
            for (DispatchSolution.BindingConstraint b : solution.binding()) {
                // what is reported as binding sits at its limit, with a price for more room
                assertThat(b.value()).as("binding %s", b).isCloseTo(b.limit(), within(b.kind() == DispatchSolution.BindingConstraint.Kind.BRANCH_FLOW
                        ? RATING_MW : 1e-6));
                assertThat(b.shadowPrice()).as("binding %s", b).isPositive();
            }
            if (everyUnitStrictlyConvex) {
                int ref = network.referenceBus();
                Map<Integer, Integer> caseRows = c.busIndexByNumber();
                for (int i = 0; i < network.busCount(); i++) {
                    int caseRow = caseRows.get(network.busNumber(i));
                    double fromReference = solution.anglesDeg()[0][i] - solution.anglesDeg()[0][ref];
                    assertThat(fromReference).as("bus %d angle", network.busNumber(i))
                            .isCloseTo(Math.toDegrees(reference.thetaRad()[caseRow]), within(1e-6));
                }
            }
        }
    }

    /**
     * What the shared cases barely exercise, on IEEE 9 (all costs strictly convex, so flows are unique): a phase
     * shifter (10 degrees) with an off-nominal tap (1.05) on branch 3 (5 - 6), 20 MW of shunt conductance at bus 7,
     * and branch 8 (8 - 9) rated so that it binds.
     */
    @Test
    void phaseShifterTapShuntAndBindingRatingAsInTheAngleFormulation() {
        MatpowerCase c = SharedCases.read("case9");
        c = CaseEdits.withBranch(c, 2, b -> CaseEdits.transformer(b, 1.05, 10));
        c = CaseEdits.withBus(c, 6, b -> CaseEdits.shuntConductance(b, 20));
        c = CaseEdits.withBranch(c, 7, b -> CaseEdits.rateA(b, 40));
        AngleFormulationOpf.Solution reference = AngleFormulationOpf.solve(c);
        DcOpf.Result result = DcOpf.solve(c);
        assertThat(result.optimal()).as(result.solution().message()).isTrue();

        assertThat(result.costPerHour()).isCloseTo(reference.costPerHour(), within(COST_REL * reference.costPerHour()));
        assertThat(result.pgMw()).containsExactly(reference.pgMw(), within(DISPATCH_MW));
        assertThat(Arrays.stream(result.pgMw()).sum()).as("generation = PD + GS").isCloseTo(315 + 20, within(1e-6));
        assertThat(result.solution().flowsMw()[0]).containsExactly(reference.flowMw(), within(DISPATCH_MW));
        assertThat(Math.abs(result.solution().flowsMw()[0][7])).isCloseTo(40, within(RATING_MW));
        assertThat(result.solution().binding()).extracting(DispatchSolution.BindingConstraint::caseRow).containsExactly(8);
    }

    private static double highestSegmentLine(PiecewiseLinearCost cost, double p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 1; k < cost.points().size(); k++) {
            PiecewiseLinearCost.Point a = cost.points().get(k - 1);
            PiecewiseLinearCost.Point b = cost.points().get(k);
            max = Math.max(max, a.costPerHour() + (b.costPerHour() - a.costPerHour()) / (b.pMw() - a.pMw()) * (p - a.pMw()));
        }
        return max;
    }

    private static boolean strictlyConvex(MatpowerCase c, int g) {
        return c.costs().get(g) instanceof PolynomialCost poly && poly.degree() == 2 && poly.coefficients().get(0) > 0;
    }
}
