package io.gridai.sim.twin;

/** How the twin drives a generator. */
public enum UnitRole {
    /** At the reference bus: its output is whatever balances the system (the power flow's slack). */
    SLACK,
    /** Follows its schedule or a setpoint, within its limits and ramp rate. */
    DISPATCHABLE,
    /** Produces what the wind or sun makes available, capped by a curtailment setpoint. */
    RENEWABLE
}
