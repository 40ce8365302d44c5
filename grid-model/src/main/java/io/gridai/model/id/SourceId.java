package io.gridai.model.id;

/**
 * Identifies a feed or source that delivers telemetry (a utility endpoint, an MQTT client, a PMU); only approved
 * sources are accepted.
 */
public record SourceId(String value) implements TypedId {

    public SourceId {
        value = IdRules.requireValid(value, "SourceId");
    }

    /** Parses and validates {@code value}; throws {@link IllegalArgumentException} when it breaks the id rule. */
    public static SourceId of(String value) {
        return new SourceId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
