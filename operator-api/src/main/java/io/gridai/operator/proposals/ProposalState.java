package io.gridai.operator.proposals;

/** Where a proposal stands with the operators. */
public enum ProposalState {
    /** Awaiting (more) approvals, or a rejection. */
    PENDING,
    /** Approved by as many people as its risk needs. */
    APPROVED,
    /** Rejected. */
    REJECTED
}
