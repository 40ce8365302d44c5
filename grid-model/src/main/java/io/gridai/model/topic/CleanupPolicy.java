package io.gridai.model.topic;

/** Kafka's {@code cleanup.policy}: what the broker does with old segments of a topic. */
public enum CleanupPolicy {
    /** Delete segments older than the retention. */
    DELETE("delete"),
    /** Keep the latest record per key. */
    COMPACT("compact");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The value of Kafka's {@code cleanup.policy} config. */
    public String configValue() {
        return configValue;
    }
}
