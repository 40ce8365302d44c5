package io.gridai.gateway.review.risk;

import io.gridai.model.RiskLevel;
import java.util.Locale;

/**
 * A proposal's risk score, 0 (none) to 1, and its level:
 * {@code mwWeight x min(1, MW moved / mwScale) + shareWeight x min(1, largest |delta| / PMAX)
 * + marginWeight x (1 - clamp(N-1 margin / marginScale))}, where the N-1 margin is the overload threshold minus the
 * worst loading over N and N-1 with the proposal applied (percentage points; no rated branch counts as full margin).
 * The level is the higher of the score's and the agent's own estimate: an agent may ask for more review, not less.
 */
public final class RiskScoring {

    private RiskScoring() {
    }

    /**
     * A scored proposal.
     *
     * @param score       0 to 1
     * @param level       the level of the score, raised to the agent's estimate
     * @param explanation the terms, in words
     */
    public record Score(double score, RiskLevel level, String explanation) {
    }

    /**
     * Scores a proposal.
     *
     * @param mwMoved        sum of |target - live|, MW
     * @param largestShare   largest |target - live| / PMAX over its actions
     * @param worstLoadingPct worst loading over N and N-1 with the proposal, % ({@code NaN}: no rated branch)
     * @param overloadPct    the overload threshold, %
     * @param claimed        the agent's own estimate
     */
    public static Score score(double mwMoved, double largestShare, double worstLoadingPct, double overloadPct,
                              RiskLevel claimed, RiskSettings settings) {
        double mwTerm = clamp(mwMoved / settings.mwScale());
        double shareTerm = clamp(largestShare);
        double margin = Double.isNaN(worstLoadingPct) ? Double.POSITIVE_INFINITY : overloadPct - worstLoadingPct;
        double marginTerm = 1 - clamp(margin / settings.marginScale());
        double score = settings.mwWeight() * mwTerm + settings.shareWeight() * shareTerm + settings.marginWeight() * marginTerm;
        RiskLevel level = score < settings.lowBelow() ? RiskLevel.LOW
                : score < settings.mediumBelow() ? RiskLevel.MEDIUM
                : score < settings.highBelow() ? RiskLevel.HIGH : RiskLevel.CRITICAL;
        RiskLevel raised = claimed.compareTo(level) > 0 ? claimed : level;
        String explanation = String.format(Locale.ROOT,
                "score %.3f (%s): %.1f MW moved (term %.2f x %.2f), largest share of a unit's rating %.1f %% (term %.2f x %.2f),"
                        + " N-1 margin %s (term %.2f x %.2f)%s",
                score, level, mwMoved, mwTerm, settings.mwWeight(), 100 * largestShare, shareTerm, settings.shareWeight(),
                Double.isInfinite(margin) ? "not measured (no rated branch)" : String.format(Locale.ROOT, "%.1f points", margin),
                marginTerm, settings.marginWeight(),
                raised != level ? "; raised to the agent's own estimate " + raised : "");
        return new Score(score, raised, explanation);
    }

    private static double clamp(double x) {
        if (Double.isNaN(x)) {
            return 1;
        }
        return Math.max(0, Math.min(1, x));
    }
}
