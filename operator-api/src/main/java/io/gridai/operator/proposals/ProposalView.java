package io.gridai.operator.proposals;

import io.gridai.model.Proposal;
import java.time.Instant;
import java.util.List;

/**
 * A proposal as the API shows it: the agent's proposal, its state, how many approvals it needs, the approvals it has
 * and the decision ({@code null} while pending). Durations as ISO-8601, targets in the kind's unit.
 */
public record ProposalView(String id, String agent, Instant createdAt, String title, String rationale, String risk,
        List<ActionView> actions, ProposalState state, int approvalsNeeded, List<ApprovalView> approvals,
        DecisionView decision) {

    /** One action: drive {@code kind} of {@code asset} to {@code target} (in {@code unit}) for {@code validFor}. */
    public record ActionView(String asset, String kind, String unit, double target, String validFor) {
    }

    /** One approval: who, when, why. */
    public record ApprovalView(String by, Instant at, String reason) {
    }

    /** The decision: APPROVED or REJECTED, by whom (the last signoff), when and why. */
    public record DecisionView(String outcome, String by, Instant at, String reason) {
    }

    static List<ActionView> actions(Proposal p) {
        return p.actions().stream().map(a -> new ActionView(a.asset().value(), a.kind().name(),
                a.kind().unit().symbol(), a.target(), a.validFor().toString())).toList();
    }
}
