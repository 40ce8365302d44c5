package io.gridai.model.id;

import java.util.regex.Pattern;

/**
 * Names a sandbox: an isolated run of the platform's jobs and services (a replay of archived data, for example) with
 * its own topic namespace {@code sandbox.<name>.*} ({@link io.gridai.model.topic.SandboxTopics}) and no way to a real
 * setpoint. Stricter than the other ids because it becomes part of topic names: 1 to {@value #MAX_LENGTH} characters
 * of lower-case letters, digits and {@code -}, starting with a letter or digit, e.g. {@code week-2020-07}.
 */
public record SandboxId(String value) implements TypedId {

    /** Longest sandbox name; keeps {@code sandbox.<name>.<topic>} well inside Kafka's 249 characters. */
    public static final int MAX_LENGTH = 40;

    private static final Pattern RULE = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public SandboxId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("sandbox name must not be empty; give one of lower-case letters, digits"
                    + " and '-', e.g. week-2020-07");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("sandbox name '" + value + "' is " + value.length()
                    + " characters long, more than the " + MAX_LENGTH + " allowed; use a shorter name");
        }
        if (!RULE.matcher(value).matches()) {
            throw new IllegalArgumentException("sandbox name '" + value + "' may hold only lower-case letters, digits"
                    + " and '-', and must start with a letter or digit (it becomes part of topic names), e.g."
                    + " week-2020-07");
        }
    }

    /** Parses and validates {@code value}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static SandboxId of(String value) {
        return new SandboxId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
