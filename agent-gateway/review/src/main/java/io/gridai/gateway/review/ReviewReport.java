package io.gridai.gateway.review;

import io.gridai.model.RiskLevel;
import io.gridai.model.id.ProposalId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a review: the verdict, the risk, every step as recorded, and the reasons of a rejection.
 *
 * @param proposal     the proposal reviewed
 * @param verdict      rejected, auto-approved or for people to decide
 * @param risk         the risk level (for a rejected proposal, the level of the steps that ran; {@code CRITICAL} when the
 *                     risk step did not run)
 * @param riskScore    the score the level comes from, 0 to 1 ({@code NaN} when the risk step did not run)
 * @param steps        limits, policy, study, conflicts, risk, in order
 * @param reasons      why it was rejected (the refusing step's detail); empty otherwise
 * @param rulesVersion the version of the policy rules applied (a digest of the rules file)
 * @param duration     the whole review
 */
public record ReviewReport(ProposalId proposal, ReviewVerdict verdict, RiskLevel risk, double riskScore,
                           List<ReviewStep> steps, List<String> reasons, String rulesVersion, Duration duration) {

    public ReviewReport {
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(risk, "risk");
        steps = List.copyOf(steps);
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(rulesVersion, "rulesVersion");
        Objects.requireNonNull(duration, "duration");
    }

    /** The step of that name. */
    public Optional<ReviewStep> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Whether a step refused. */
    public boolean rejected() {
        return verdict == ReviewVerdict.REJECTED;
    }
}
