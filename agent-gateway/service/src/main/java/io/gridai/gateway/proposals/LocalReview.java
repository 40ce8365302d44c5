package io.gridai.gateway.proposals;

import io.gridai.gateway.mcp.Refusal;
import io.gridai.gateway.security.Tier;
import io.gridai.model.Proposal;
import io.gridai.model.ProposedAction;
import io.gridai.model.RiskLevel;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Placeholder until the review library is merged: every proposal needs people; no study. */
@ApplicationScoped
public class LocalReview implements Reviewer, Studies {

    @Override
    public Reviewed review(Proposal proposal, Tier tier, Context context) {
        return new Reviewed(Reviewed.Verdict.NEEDS_HUMAN, RiskLevel.HIGH, List.of(new Reviewed.Step("limits", "PASSED",
                "schema checked by the gateway", Duration.ZERO)), List.of(), "-", Duration.ZERO);
    }

    @Override
    public Object study(List<ProposedAction> change) {
        throw new Refusal("the study is not available in this build");
    }
}
