package io.gridai.dispatch.opf;

import java.time.Duration;

/**
 * How the dispatch is solved.
 *
 * @param balanceSlack       whether load shedding and surplus columns exist; without them the problem is exactly
 *                           MATPOWER's DC OPF (and may be infeasible), with them it is always feasible
 * @param sheddingCostPerMwh value of lost load: the price of not serving 1 MWh, so shedding happens only when nothing
 *                           else can balance the grid, and shows in the result
 * @param surplusCostPerMwh  the price of 1 MWh of generation nobody takes (must-run output above demand)
 * @param flowToleranceMw    how far over its rating a branch may be before a constraint is added for it
 * @param maxRounds          most solve rounds while branch constraints are added (each adds every overloaded branch)
 * @param timeLimit          wall-clock limit of one solver call
 * @param quadraticCosts     how quadratic cost terms are handled
 * @param exactQpLimit       under {@link QuadraticCosts#AUTO}, the most quadratic unit-periods of a multi-period
 *                           problem solved as an exact QP (one period always is); larger ones use
 *                           {@link QuadraticCosts#OUTER_APPROXIMATION}
 * @param cutToleranceDollarsPerHour under outer approximation, the largest cost a unit-period may be under-counted
 *                           by at the end, $/h
 */
public record DispatchSettings(boolean balanceSlack, double sheddingCostPerMwh, double surplusCostPerMwh, double flowToleranceMw, int maxRounds,
                               Duration timeLimit, QuadraticCosts quadraticCosts, int exactQpLimit, double cutToleranceDollarsPerHour) {

    /**
     * Quadratic cost terms: solved exactly by HiGHS's active-set QP solver, or by an outer approximation (tangent
     * cuts added where the LP under-counts a cost, re-solved warm by the dual simplex until every unit-period is within
     * {@code cutToleranceDollarsPerHour}). HiGHS's QP keeps a dense reduced Hessian as large as the number of units
     * strictly between their limits, so it is exact and fast for one period (7 ms on case_ACTIVSg2000) but grows as the
     * cube of the horizon (10 s for 24 uncoupled periods of the same case); the outer approximation stays an LP.
     */
    public enum QuadraticCosts {
        /**
         * Exact QP for one period and up to {@code exactQpLimit} quadratic unit-periods, outer approximation above; an
         * exact QP that HiGHS ends in error is solved again with cuts.
         */
        AUTO,
        /** Always the exact QP. */
        EXACT_QP,
        /** Always tangent cuts. */
        OUTER_APPROXIMATION
    }

    public DispatchSettings {
        if (!(sheddingCostPerMwh > 0 && surplusCostPerMwh > 0)) {
            throw new IllegalArgumentException("shedding and surplus costs must be positive $/MWh");
        }
        if (!(flowToleranceMw >= 0)) {
            throw new IllegalArgumentException("flow tolerance must be >= 0 MW");
        }
        if (maxRounds < 1) {
            throw new IllegalArgumentException("maxRounds must be at least 1");
        }
        java.util.Objects.requireNonNull(quadraticCosts, "quadraticCosts");
        if (!(cutToleranceDollarsPerHour > 0)) {
            throw new IllegalArgumentException("cut tolerance must be positive $/h");
        }
    }

    /** Settings with {@link QuadraticCosts#AUTO} (exact QP up to 500 quadratic unit-periods) and cuts to 1e-7 $/h. */
    public DispatchSettings(boolean balanceSlack, double sheddingCostPerMwh, double surplusCostPerMwh, double flowToleranceMw, int maxRounds,
                            Duration timeLimit) {
        this(balanceSlack, sheddingCostPerMwh, surplusCostPerMwh, flowToleranceMw, maxRounds, timeLimit, QuadraticCosts.AUTO, 500, 1e-7);
    }

    /**
     * Shedding and surplus allowed at 10 000 $/MWh, 1e-6 MW tolerance, up to 200 rounds, 60 s per solve, exact QP up to
     * 500 quadratic unit-periods (and always for one period), cuts to 1e-7 $/h beyond.
     */
    public static DispatchSettings defaults() {
        return new DispatchSettings(true, 10_000, 10_000, 1e-6, 200, Duration.ofSeconds(60), QuadraticCosts.AUTO, 500, 1e-7);
    }

    /** MATPOWER's {@code rundcopf} problem: no shedding or surplus columns. */
    public static DispatchSettings matpower() {
        return defaults().withBalanceSlack(false);
    }

    public DispatchSettings withBalanceSlack(boolean value) {
        return new DispatchSettings(value, sheddingCostPerMwh, surplusCostPerMwh, flowToleranceMw, maxRounds, timeLimit, quadraticCosts,
                exactQpLimit, cutToleranceDollarsPerHour);
    }

    public DispatchSettings withQuadraticCosts(QuadraticCosts value) {
        return new DispatchSettings(balanceSlack, sheddingCostPerMwh, surplusCostPerMwh, flowToleranceMw, maxRounds, timeLimit, value,
                exactQpLimit, cutToleranceDollarsPerHour);
    }

    public DispatchSettings withMaxRounds(int value) {
        return new DispatchSettings(balanceSlack, sheddingCostPerMwh, surplusCostPerMwh, flowToleranceMw, value, timeLimit, quadraticCosts,
                exactQpLimit, cutToleranceDollarsPerHour);
    }
}
