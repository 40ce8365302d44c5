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
 */
public record DispatchSettings(boolean balanceSlack, double sheddingCostPerMwh, double surplusCostPerMwh, double flowToleranceMw, int maxRounds,
                               Duration timeLimit) {

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
    }

    /** Shedding and surplus allowed at 10 000 $/MWh, 1e-6 MW tolerance, up to 50 rounds, 60 s per solve. */
    public static DispatchSettings defaults() {
        return new DispatchSettings(true, 10_000, 10_000, 1e-6, 50, Duration.ofSeconds(60));
    }

    /** MATPOWER's {@code rundcopf} problem: no shedding or surplus columns. */
    public static DispatchSettings matpower() {
        return defaults().withBalanceSlack(false);
    }

    public DispatchSettings withBalanceSlack(boolean value) {
        return new DispatchSettings(value, sheddingCostPerMwh, surplusCostPerMwh, flowToleranceMw, maxRounds, timeLimit);
    }
}
