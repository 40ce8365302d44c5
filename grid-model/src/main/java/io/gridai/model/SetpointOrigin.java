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
    APPROVED_PROPOSAL;

    /**
     * Whether a person decided it (an operator, or the approver of an agent's proposal): while such a setpoint is
     * valid it is a manual hold, and the automatic controllers (dispatch optimiser, storage manager) leave the asset
     * alone instead of overwriting it.
     */
    public boolean manual() {
        return this == OPERATOR || this == APPROVED_PROPOSAL;
    }
}
