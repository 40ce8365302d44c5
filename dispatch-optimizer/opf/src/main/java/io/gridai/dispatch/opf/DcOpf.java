package io.gridai.dispatch.opf;

import java.util.List;

import io.gridai.dispatch.opf.dc.DcNetwork;
import io.gridai.network.MatpowerCase;

/**
 * MATPOWER's {@code rundcopf} for one case: one period, the case's demand, its in-service generators and their costs,
 * branch limits RATE_A and angle-difference limits, no shedding. What {@code ./gridai dcopf} runs.
 */
public final class DcOpf {

    private DcOpf() {
    }

    /**
     * The result for a case.
     *
     * @param costPerHour  total generation cost, $/h (MATPOWER's {@code f})
     * @param pgMw         output per generator of {@code mpc.gen}, in file order; 0 for those out of service
     * @param solution     everything else: flows, angles, LMPs, binding constraints, timings
     */
    public record Result(double costPerHour, double[] pgMw, DispatchSolution solution) {
        public boolean optimal() {
            return solution.optimal();
        }
    }

    /** Solves a case (builds and closes its DC model). */
    public static Result solve(MatpowerCase c) {
        try (DcNetwork network = DcNetwork.of(c)) {
            return solve(network, DispatchSettings.matpower());
        }
    }

    /** Solves the case a DC model was built from, with the given settings (shedding, tolerances, time limit). */
    public static Result solve(DcNetwork network, DispatchSettings settings) {
        DispatchProblem problem = DispatchProblem.singlePeriod(network).withSettings(settings);
        DispatchSolution solution = Dispatcher.solve(problem);
        double[] pg = new double[network.source().generators().size()];
        if (solution.optimal()) {
            List<DispatchUnit> units = problem.units();
            for (int u = 0; u < units.size(); u++) {
                pg[units.get(u).caseIndex()] = solution.unitMw()[0][u];
            }
        }
        double cost = solution.optimal() ? solution.periodCostPerHour()[0] : Double.NaN;
        return new Result(cost, pg, solution);
    }
}
