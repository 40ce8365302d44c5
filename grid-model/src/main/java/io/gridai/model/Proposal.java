package io.gridai.model;

import io.gridai.model.id.AgentId;
import io.gridai.model.id.ProposalId;
import java.time.Instant;
import java.util.List;

/**
 * An agent's request to change the grid: one or more actions with a title, a rationale and the agent's own
 * risk estimate. Nothing in a proposal reaches the grid until it passes security review and is approved.
 */
public record Proposal(
        ProposalId id,
        AgentId agent,
        Instant createdAt,
        String title,
        String rationale,
        List<ProposedAction> actions,
        RiskLevel risk) {

    public Proposal {
        Require.present(id, "Proposal.id");
        Require.present(agent, "Proposal.agent");
        Require.present(createdAt, "Proposal.createdAt");
        Require.text(title, "Proposal.title");
        Require.text(rationale, "Proposal.rationale");
        actions = List.copyOf(Require.noNulls(actions, "Proposal.actions"));
        if (actions.isEmpty()) {
            throw new IllegalArgumentException(
                    "Proposal.actions is empty; a proposal must ask for at least one action");
        }
        Require.present(risk, "Proposal.risk");
    }
}
