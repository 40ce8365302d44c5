package io.gridai.gateway.review;

/** What the review decides about a proposal. */
public enum ReviewVerdict {
    /** A step refused it; the report's reasons say why. Nothing of it may reach the grid. */
    REJECTED,
    /** Every step passed, the agent's tier is {@code execute-within-envelope} and the risk is LOW: it may be executed. */
    AUTO_APPROVE,
    /** Every step passed but it needs people: the operator API's approval (four eyes above its threshold). */
    NEEDS_HUMAN
}
