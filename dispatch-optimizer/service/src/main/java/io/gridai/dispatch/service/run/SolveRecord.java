package io.gridai.dispatch.service.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.gridai.dispatch.service.plan.Plan;

/**
 * What one rolling solve did, served by {@code GET /dispatch/solves}. Powers in MW, energies in MWh, costs in $ and
 * $/h, times in ms; absent numbers (null) where the solve did not reach an optimum.
 *
 * @param id                 {@code solve-<n>}, counting from 1 since the service started
 * @param trigger            FORECAST (a new forecast, debounced), PERIODIC, or HOLD (the valid manual holds changed)
 * @param startedAt          wall-clock time the solve started
 * @param planStart          the service's "now": the first period starts here
 * @param periodMinutes      length of each period
 * @param periods            number of periods
 * @param inputs             what the problem was built from
 * @param status             the solver's status (OPTIMAL, INFEASIBLE, TIME_LIMIT, ROUND_LIMIT, ERROR)
 * @param message            why, when not OPTIMAL
 * @param objective          total the solver minimised over the horizon, $
 * @param periodCostPerHour  generation cost rate of each period, $/h
 * @param shedMwh            load shed over the horizon
 * @param curtailedMwh       renewable output curtailed over the horizon
 * @param binding            network constraints holding the dispatch back, with shadow prices
 * @param maxBranchLoading   the most loaded rated branch over the horizon (DC flow / RATE_A)
 * @param model              problem size
 * @param buildMs            building the model (PTDF rows included)
 * @param solveMs            inside HiGHS
 * @param totalMs            the whole solve, planning included
 * @param firstPeriodMw      each unit's and battery's output in the first period (battery: discharge - charge)
 * @param setpoints          what was published and what the safety envelope held back
 * @param holds              the manual holds the solve kept: each unit or battery fixed at its hold's target and given
 *                           no setpoint, so that an operator sees why it was not dispatched
 */
public record SolveRecord(String id, String trigger, Instant startedAt, Instant planStart, long periodMinutes, int periods, Inputs inputs,
                          String status, String message, Double objective, List<Double> periodCostPerHour, Double shedMwh,
                          Double curtailedMwh, List<Binding> binding, BranchLoading maxBranchLoading, ModelSize model, double buildMs,
                          double solveMs, double totalMs, Map<String, Double> firstPeriodMw, SetpointOutcome setpoints,
                          List<Plan.Hold> holds) {

    /**
     * The versions of the inputs.
     *
     * @param caseName        the MATPOWER case
     * @param caseSha256      SHA-256 of the case file
     * @param zones           per zone: the forecast used (model version, issue time, made at) or {@code case-pd}
     * @param liveStateTime   the latest event time on the live-state topic
     * @param measuredUnits   units whose initial output came from a fresh measurement
     */
    public record Inputs(String caseName, String caseSha256, Map<String, ZoneInput> zones, Instant liveStateTime, int measuredUnits) {
    }

    /** Where a zone's demand came from and its first period's MW. */
    public record ZoneInput(String source, String modelVersion, Instant issueTime, Instant madeAt, double firstPeriodMw) {
    }

    /**
     * A binding network constraint.
     *
     * @param kind         BRANCH_FLOW or ANGLE_DIFFERENCE
     * @param period       period index
     * @param branchRow    1-based {@code mpc.branch} row
     * @param fromBus      from bus number
     * @param toBus        to bus number
     * @param value        flow (MW) or angle difference (degrees)
     * @param limit        the limit it sits at
     * @param shadowPrice  $/MWh (or $/degree h) the horizon's cost falls per unit more room
     */
    public record Binding(String kind, int period, int branchRow, int fromBus, int toBus, double value, double limit, double shadowPrice) {
    }

    /** The most loaded rated branch: its DC flow over RATE_A, in the period where it is highest. */
    public record BranchLoading(int branchRow, int fromBus, int toBus, int period, double flowMw, double rateMw, double loadingPercent) {
    }

    /** Model size and solver effort. */
    public record ModelSize(int columns, int rows, int nonZeros, int rounds, int watchedBranches, int iterations) {
    }

    /**
     * Setpoints of this solve.
     *
     * @param published   how many were published
     * @param validUntil  when they expire (first period end + grace)
     * @param targets     published target per asset, MW
     * @param refused     held back by the safety envelope or the setpoint guard (a sandboxed service), with the reason
     */
    public record SetpointOutcome(int published, Instant validUntil, Map<String, Double> targets, List<Refusal> refused) {
    }

    /** A target the safety envelope or the setpoint guard held back. */
    public record Refusal(String asset, double targetMw, String reason) {
    }
}
