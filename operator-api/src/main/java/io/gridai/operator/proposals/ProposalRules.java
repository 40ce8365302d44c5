package io.gridai.operator.proposals;

import io.gridai.model.RiskLevel;

/**
 * How many people a proposal needs: one approval below {@code fourEyesFrom}, two different people from it on; from
 * {@code supervisorFrom} on one of them must hold the supervisor role.
 */
public record ProposalRules(RiskLevel fourEyesFrom, RiskLevel supervisorFrom) {

    public static ProposalRules of(ProposalsConfig config) {
        return new ProposalRules(config.fourEyesFrom(), config.supervisorFrom());
    }

    /** Approvals a proposal of this risk needs. */
    public int approvalsNeeded(RiskLevel risk) {
        return risk.compareTo(fourEyesFrom) >= 0 ? 2 : 1;
    }

    /** Whether one of the approvers must be a supervisor. */
    public boolean needsSupervisor(RiskLevel risk) {
        return risk.compareTo(supervisorFrom) >= 0;
    }
}
