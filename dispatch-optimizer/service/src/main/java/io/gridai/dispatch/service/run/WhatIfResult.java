package io.gridai.dispatch.service.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.gridai.dispatch.service.plan.Plan;

/**
 * The answer to {@code POST /dispatch/what-if}: the dispatch on the current inputs with the requested change. Nothing
 * of it is published. Powers in MW, energies in MWh, costs in $ and $/h; null where the solve did not reach an optimum.
 *
 * @param status             the solver's status
 * @param message            why, when not OPTIMAL
 * @param planStart          the first period starts here
 * @param periods            periods solved
 * @param objective          total the solver minimised over these periods, $
 * @param periodCostPerHour  generation cost rate per period, $/h
 * @param unitMw             each generator's output per period
 * @param batteryMw          each battery's output per period (discharge - charge)
 * @param shedMwh            load shed over the periods
 * @param curtailedMwh       renewable output curtailed over the periods
 * @param binding            binding network constraints with shadow prices
 * @param maxBranchLoading   the most loaded rated branch (DC flow / RATE_A)
 * @param difference         this run minus the latest OPTIMAL rolling solve (null when there is none yet)
 * @param holds              the manual holds kept, as in a rolling solve
 */
public record WhatIfResult(String status, String message, Instant planStart, int periods, Double objective, List<Double> periodCostPerHour,
                           Map<String, List<Double>> unitMw, Map<String, List<Double>> batteryMw, Double shedMwh, Double curtailedMwh,
                           List<SolveRecord.Binding> binding, SolveRecord.BranchLoading maxBranchLoading, Difference difference,
                           List<Plan.Hold> holds) {

    /**
     * This run minus the base solve.
     *
     * @param baseSolveId                  the rolling solve compared with
     * @param basePlanStart                its first period's start
     * @param objectiveDelta               difference of the objectives, $ (null when the number of periods differs)
     * @param firstPeriodCostDeltaPerHour  difference of the first period's generation cost rate, $/h
     * @param firstPeriodMwDelta           difference of each unit's and battery's first-period output, MW
     */
    public record Difference(String baseSolveId, Instant basePlanStart, Double objectiveDelta, double firstPeriodCostDeltaPerHour,
                             Map<String, Double> firstPeriodMwDelta) {
    }
}
