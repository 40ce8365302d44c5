package io.gridai.model;

/** Who decided a setpoint. */
public enum SetpointOrigin {
    /** The network-constrained dispatch optimiser. */
    OPTIMISER,
    /** The battery fleet manager (schedules, fast frequency response). */
    STORAGE_MANAGER,
    /** An operator, directly. */
    OPERATOR,
    /** An agent's proposal that passed security review and was approved; the setpoint names the proposal. */
    APPROVED_PROPOSAL
}
