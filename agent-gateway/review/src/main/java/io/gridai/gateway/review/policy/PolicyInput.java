package io.gridai.gateway.review.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The facts a proposal's policy rules see, as CEL variables (values only: nothing here is ever compiled).
 *
 * @param proposalId    {@code proposal.id}
 * @param agentId       {@code agent.id} and {@code proposal.agent}
 * @param agentTier     {@code agent.tier}
 * @param title         {@code proposal.title}
 * @param rationale     {@code proposal.rationale}
 * @param now           the review time; {@code now.hour}, {@code now.minute}, {@code now.dayOfWeek} in the rules' time zone
 * @param budgetMwUsed  {@code budget.mwUsed}
 * @param budgetMwhUsed {@code budget.mwhUsed}
 * @param actions       one {@code action} per action
 */
public record PolicyInput(String proposalId, String agentId, String agentTier, String title, String rationale, Instant now,
                          double budgetMwUsed, double budgetMwhUsed, List<Action> actions) {

    public PolicyInput {
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(agentTier, "agentTier");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(rationale, "rationale");
        Objects.requireNonNull(now, "now");
        actions = List.copyOf(actions);
    }

    /**
     * One action as the rules see it ({@code action.*}).
     *
     * @param asset           {@code action.asset}
     * @param kind            {@code action.kind}, e.g. {@code ACTIVE_POWER}
     * @param targetMw        {@code action.targetMw}
     * @param liveMw          {@code action.liveMw}, the asset's live output
     * @param validForMinutes {@code action.validForMinutes}
     * @param pminMw          {@code action.pminMw}, the unit's PMIN (a battery: minus its power, charging)
     * @param pmaxMw          {@code action.pmaxMw}, the unit's PMAX, its rating (a battery: its power, discharging)
     */
    public record Action(String asset, String kind, double targetMw, double liveMw, double validForMinutes, double pminMw,
                         double pmaxMw) {

        /** {@code action.deltaMw}: target minus live output. */
        public double deltaMw() {
            return targetMw - liveMw;
        }

        /** {@code action.energyMwh}: |delta| x hours held. */
        public double energyMwh() {
            return Math.abs(deltaMw()) * validForMinutes / 60.0;
        }
    }
}
