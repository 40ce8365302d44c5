package io.gridai.model;

import io.gridai.model.id.ProposalId;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The final decision about one {@link Proposal}, published once by the operator API on
 * {@code grid.proposal-decisions} (keyed by proposal id) for the agent gateway, which executes the actions of an
 * approved proposal (reading the proposal itself from {@code grid.proposals}, kept forever).
 *
 * <p>{@code signoffs} are the people whose actions made the outcome, in the order they acted: for
 * {@link ProposalOutcome#APPROVED APPROVED} every approver (two different people for a proposal whose risk needs
 * four eyes), for {@link ProposalOutcome#REJECTED REJECTED} the one who rejected it. No person appears twice.
 * {@code risk} is the proposal's risk the decision was taken under, so a consumer can check that enough people
 * signed. {@code auditChain} and {@code auditSequence} name the audit event on {@code grid.audit} that recorded the
 * last signoff, so the decision can be traced to (and verified against) the hash-chained audit log.
 */
public record ProposalDecision(
        ProposalId proposal,
        ProposalOutcome outcome,
        RiskLevel risk,
        List<ProposalSignoff> signoffs,
        String auditChain,
        long auditSequence) {

    public ProposalDecision {
        Require.present(proposal, "ProposalDecision.proposal");
        Require.present(outcome, "ProposalDecision.outcome");
        Require.present(risk, "ProposalDecision.risk");
        signoffs = List.copyOf(Require.noNulls(signoffs, "ProposalDecision.signoffs"));
        if (signoffs.isEmpty()) {
            throw new IllegalArgumentException("ProposalDecision.signoffs of " + proposal
                    + " is empty; name who decided (the approvers, or the one who rejected)");
        }
        if (outcome == ProposalOutcome.REJECTED && signoffs.size() != 1) {
            throw new IllegalArgumentException("a REJECTED ProposalDecision of " + proposal
                    + " names exactly one signoff (who rejected it) but has " + signoffs.size());
        }
        Set<String> people = new HashSet<>();
        for (ProposalSignoff s : signoffs) {
            if (!people.add(s.by())) {
                throw new IllegalArgumentException("ProposalDecision.signoffs of " + proposal + " names " + s.by()
                        + " twice; each signoff must be a different person");
            }
        }
        Require.text(auditChain, "ProposalDecision.auditChain");
        if (auditSequence < 0) {
            throw new IllegalArgumentException("ProposalDecision.auditSequence must be >= 0 but was " + auditSequence
                    + "; give the sequence of the audit event that recorded the decision");
        }
    }

    /** When the decision was taken: the time of the last signoff. */
    public Instant decidedAt() {
        return signoffs.get(signoffs.size() - 1).at();
    }

    /** The reason of the last signoff (for a rejection, why it was rejected). */
    public String reason() {
        return signoffs.get(signoffs.size() - 1).reason();
    }

    /** Who signed, in order. */
    public List<String> deciders() {
        return signoffs.stream().map(ProposalSignoff::by).toList();
    }
}
