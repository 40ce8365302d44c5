package io.gridai.gateway.proposals;

/** Where an agent's proposal stands (the {@code proposal_status} tool's {@code status}). */
public enum ProposalStatus {
    /** The review refused it, or operators rejected it, or the envelope refused a setpoint at execution. */
    REJECTED,
    /** Published on {@code grid.proposals}; waiting for operators' decision. */
    PENDING_APPROVAL,
    /** Its setpoints were published on {@code grid.setpoints}. */
    EXECUTED,
    /** Operators did not decide within {@code gridai.gateway.proposals.decision-timeout}, or approved it too late. */
    EXPIRED
}
