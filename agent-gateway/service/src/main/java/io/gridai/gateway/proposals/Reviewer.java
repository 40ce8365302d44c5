package io.gridai.gateway.proposals;

import io.gridai.gateway.security.Tier;
import io.gridai.model.Proposal;
import java.time.Instant;
import java.util.List;

/**
 * The security review of a proposal (the review library's {@code ProposalReview}, adapted): limits, policy, the AC
 * power flow and N-1 study on the live network, conflicts with the other pending and active proposals and the
 * operators' overrides, risk.
 */
public interface Reviewer {

    /**
     * What the gateway knows around a proposal.
     *
     * @param pending   the other proposals waiting for operators
     * @param active    the other executed proposals whose setpoints are still valid
     * @param mwUsed    MW the agent's executed proposals moved today (|target - measured output| summed)
     * @param mwhUsed   MWh of those (MW moved x hours held)
     * @param now       the grid's now
     */
    record Context(List<Proposal> pending, List<Proposal> active, double mwUsed, double mwhUsed, Instant now) {
    }

    /** Reviews {@code proposal} of an agent of {@code tier}. */
    Reviewed review(Proposal proposal, Tier tier, Context context);
}
