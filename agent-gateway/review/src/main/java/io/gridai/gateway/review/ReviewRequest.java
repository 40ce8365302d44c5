package io.gridai.gateway.review;

import io.gridai.model.Proposal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * All a review needs: the proposal, who proposes it, the live operating point, what else is pending or active on the
 * grid, the agent's budget so far, and the time of the review.
 *
 * @param proposal  the proposal (its title and rationale are data, never evaluated)
 * @param agentTier the agent's tier as the gateway names it: {@code observe}, {@code study}, {@code propose} or
 *                  {@value #TIER_EXECUTE_WITHIN_ENVELOPE} (only the last may be auto-approved)
 * @param live      the live operating point
 * @param others    the other pending and active proposals (not this one)
 * @param overrides the operators' overrides in force
 * @param budget    what the agent has used today
 * @param now       the time of the review
 */
public record ReviewRequest(Proposal proposal, String agentTier, LiveSnapshot live, List<OtherProposal> others,
                            List<OperatorOverride> overrides, AgentBudget budget, Instant now) {

    /** The only tier whose low-risk proposals are auto-approved. */
    public static final String TIER_EXECUTE_WITHIN_ENVELOPE = "execute-within-envelope";

    public ReviewRequest {
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(agentTier, "agentTier");
        Objects.requireNonNull(live, "live");
        others = List.copyOf(others);
        overrides = List.copyOf(overrides);
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(now, "now");
        if (others.stream().anyMatch(o -> o.id().equals(proposal.id()))) {
            throw new IllegalArgumentException("ReviewRequest.others holds the proposal under review itself ("
                    + proposal.id() + "); pass only the other proposals");
        }
    }
}
