package io.gridai.gateway.review.policy;

import java.util.List;

/**
 * What the policy rules say about a proposal.
 *
 * @param rulesVersion the version of the rules applied
 * @param rules        how many rules that version has
 * @param evaluated    how many rule evaluations ran (rules x actions)
 * @param refusals     each rule that was false or could not be evaluated, with the action and the values it saw;
 *                     empty when all held
 */
public record PolicyVerdict(String rulesVersion, int rules, int evaluated, List<String> refusals) {

    public PolicyVerdict {
        refusals = List.copyOf(refusals);
    }

    public boolean allowed() {
        return refusals.isEmpty();
    }
}
