package io.gridai.dispatch.opf;

import java.util.List;

/**
 * The result of a dispatch. Arrays are indexed {@code [period][...]}: units in the problem's order, buses and branches
 * in the network's in-service order. Powers in MW, energies in MWh, angles in degrees, prices in $/MWh.
 *
 * @param status             how the solve ended
 * @param message            why, when it is not {@link Status#OPTIMAL}
 * @param objective          the total the solver minimised, $: generation cost, shedding and surplus penalties and
 *                           battery wear over the horizon
 * @param periodCostPerHour  generation cost rate of each period, $/h, at the solution, as MATPOWER's {@code rundcopf}
 *                           reports it ({@code f}): polynomials as {@code totcost} evaluates them, a piecewise-linear
 *                           curve as the highest of its segments' lines (MATPOWER's CCV form; the same as the curve
 *                           when it is convex, slightly above it where rounded breakpoints make it non-convex)
 * @param unitMw             output of each unit
 * @param curtailedMw        availability a curtailable unit left unused (0 for the others)
 * @param chargeMw           battery charging power
 * @param dischargeMw        battery discharging power
 * @param socMwh             battery state of charge at the end of each period
 * @param shedMw             load not served per bus
 * @param surplusMw          generation nobody takes per bus
 * @param flowsMw            branch flows at the from end
 * @param anglesDeg          bus voltage angles, the reference bus at its case VA
 * @param lmp                locational marginal price per bus: the cost of 1 MW more demand there, $/MWh
 * @param binding            constraints of the network that hold the dispatch back, with their shadow prices
 * @param stats              problem size and timings
 */
public record DispatchSolution(Status status, String message, double objective, double[] periodCostPerHour, double[][] unitMw,
                               double[][] curtailedMw, double[][] chargeMw, double[][] dischargeMw, double[][] socMwh,
                               double[][] shedMw, double[][] surplusMw, double[][] flowsMw, double[][] anglesDeg,
                               double[][] lmp, List<BindingConstraint> binding, Stats stats) {

    /** How a solve ended. */
    public enum Status {
        /** Optimal, with every branch within its rating. */
        OPTIMAL,
        /** No dispatch meets the constraints (only possible without the balance slack, or with ramp/storage conflicts). */
        INFEASIBLE,
        /** The solver's time limit was reached. */
        TIME_LIMIT,
        /** Branch constraints were still being added when the round limit was reached. */
        ROUND_LIMIT,
        /** The solver failed. */
        ERROR
    }

    /**
     * A network constraint at its limit.
     *
     * @param kind         what kind
     * @param period       the period index
     * @param branch       the branch's in-service index in the network
     * @param caseRow      the branch's 1-based row in {@code mpc.branch}
     * @param value        the flow (MW) or angle difference (degrees)
     * @param limit        the limit it sits at
     * @param shadowPrice  how much the horizon's cost would fall per MW (per degree) of more room, $/MWh ($/degree h)
     */
    public record BindingConstraint(Kind kind, int period, int branch, int caseRow, double value, double limit, double shadowPrice) {
        /** Constraint kinds. */
        public enum Kind { BRANCH_FLOW, ANGLE_DIFFERENCE }
    }

    /**
     * Size and time of the solve.
     *
     * @param columns          variables
     * @param rows             constraints at the end
     * @param nonZeros         constraint matrix entries
     * @param quadratic        variables with a quadratic cost
     * @param rounds           solver calls (one more per round of added branch constraints)
     * @param watchedBranches  branch-period constraints in the final model
     * @param iterations       simplex and QP iterations over all rounds
     * @param buildNanos       time building the model and its branch rows (PTDFs included)
     * @param solveNanos       time inside HiGHS
     * @param checkNanos       time computing flows to find overloads
     * @param outerApproximation whether quadratic costs were approximated by tangent cuts instead of an exact QP
     * @param cuts             tangent cuts in the final model
     */
    public record Stats(int columns, int rows, int nonZeros, int quadratic, int rounds, int watchedBranches, int iterations,
                        long buildNanos, long solveNanos, long checkNanos, boolean outerApproximation, int cuts) {

        /** No model was built (the problem was refused before solving). */
        public static final Stats NONE = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 0);

        public long totalNanos() {
            return buildNanos + solveNanos + checkNanos;
        }
    }

    /**
     * A solve that produced no dispatch: every array empty, no binding constraint.
     *
     * @param stats the size and time of what was tried; {@link Stats#NONE} when nothing was
     */
    public static DispatchSolution failed(Status status, String message, Stats stats) {
        if (status == Status.OPTIMAL) {
            throw new IllegalArgumentException("an optimal solve has a dispatch; failed() is for the other outcomes");
        }
        double[][] none = new double[0][];
        return new DispatchSolution(status, message, Double.NaN, new double[0], none, none, none, none, none, none, none, none, none,
                none, List.of(), stats);
    }

    public boolean optimal() {
        return status == Status.OPTIMAL;
    }

    public int periods() {
        return periodCostPerHour.length;
    }

    /** Shed load over the horizon, MWh. */
    public double shedMwh(List<DispatchPeriod> periods) {
        double mwh = 0;
        for (int t = 0; t < shedMw.length; t++) {
            for (double v : shedMw[t]) {
                mwh += v * periods.get(t).hours();
            }
        }
        return mwh;
    }
}
