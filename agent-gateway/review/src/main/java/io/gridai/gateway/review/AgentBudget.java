package io.gridai.gateway.review;

/**
 * What an agent has used of its daily budget before this proposal (the CEL variable {@code budget}): the sum of
 * |MW moved| and of MWh (|MW moved| x hours held) of its proposals approved today. The caller keeps the count.
 *
 * @param mwUsed  MW moved today
 * @param mwhUsed MWh moved today
 */
public record AgentBudget(double mwUsed, double mwhUsed) {

    public AgentBudget {
        if (!(mwUsed >= 0) || !(mwhUsed >= 0) || Double.isInfinite(mwUsed) || Double.isInfinite(mwhUsed)) {
            throw new IllegalArgumentException("AgentBudget values must be finite and >= 0 but were " + mwUsed + " MW, "
                    + mwhUsed + " MWh");
        }
    }

    /** Nothing used yet. */
    public static AgentBudget unused() {
        return new AgentBudget(0, 0);
    }
}
