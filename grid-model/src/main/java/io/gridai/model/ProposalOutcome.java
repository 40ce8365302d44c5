package io.gridai.model;

/** What operators decided about a {@link Proposal}, carried by a {@link ProposalDecision}. */
public enum ProposalOutcome {
    /** Approved by as many people as its risk needs; the agent gateway may execute its actions. */
    APPROVED,
    /** Rejected by an operator; nothing of it reaches the grid. */
    REJECTED
}
