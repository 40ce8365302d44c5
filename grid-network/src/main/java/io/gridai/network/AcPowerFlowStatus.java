package io.gridai.network;

/** How an AC power flow ended. Only {@link #CONVERGED} results carry a solution; the others carry NaN states. */
public enum AcPowerFlowStatus {
    /** Newton-Raphson met the tolerance at every bus equation. */
    CONVERGED,
    /** The iteration limit was reached before the tolerance was met. */
    MAX_ITERATION_REACHED,
    /** The solver failed (for instance a singular Jacobian). */
    SOLVER_FAILED,
    /** Newton-Raphson ended on voltages outside OpenLoadFlow's realistic range (0.5 to 2.0 p.u.). */
    UNREALISTIC_STATE,
    /** Nothing was computed (for instance no generator that can be the slack bus). */
    NO_CALCULATION
}
