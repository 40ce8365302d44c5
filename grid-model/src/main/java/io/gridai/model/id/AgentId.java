package io.gridai.model.id;

/** Identifies a science agent that talks to the agent gateway and may submit proposals. */
public record AgentId(String value) implements TypedId {

    public AgentId {
        value = IdRules.requireValid(value, "AgentId");
    }

    /** Parses and validates {@code value}; throws {@link IllegalArgumentException} when it breaks the id rule. */
    public static AgentId of(String value) {
        return new AgentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
