package io.gridai.model.topic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with everything needed to use and create it: name, key and value types with their serdes,
 * partition count, cleanup policy and retention ({@code Optional.empty()} = keep forever).
 * Define topics only in {@link Topics}; use {@code Topics.X.name()}, {@code keySerde()}, {@code valueSerde()}
 * everywhere else.
 *
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(
        String name,
        Class<K> keyType,
        Class<V> valueType,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        int partitions,
        CleanupPolicy cleanupPolicy,
        Optional<Duration> retention,
        String description) {

    /** Longest topic name Kafka accepts. */
    public static final int MAX_NAME_LENGTH = 249;

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]+");

    public Topic {
        requireLegalName(name, "topic name");
        Objects.requireNonNull(keyType, "Topic.keyType");
        Objects.requireNonNull(valueType, "Topic.valueType");
        Objects.requireNonNull(keySerde, "Topic.keySerde");
        Objects.requireNonNull(valueSerde, "Topic.valueSerde");
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least 1 partition but was given "
                    + partitions);
        }
        Objects.requireNonNull(cleanupPolicy, "Topic.cleanupPolicy");
        Objects.requireNonNull(retention, "Topic.retention (use Optional.empty() to keep forever)");
        retention.ifPresent(keep -> {
            if (keep.isNegative() || keep.isZero()) {
                throw new IllegalArgumentException("topic " + name + " has retention " + keep
                        + "; give a positive duration, or Optional.empty() to keep records forever");
            }
        });
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("topic " + name + " needs a one-line description of what it carries");
        }
    }

    /** Kafka topic configs: {@code cleanup.policy} and {@code retention.ms} ({@code -1} = forever). */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanupPolicy.configValue());
        configs.put("retention.ms", Long.toString(retention.map(Duration::toMillis).orElse(-1L)));
        return configs;
    }

    /**
     * This topic renamed to {@code namespace + "." + name()}, e.g. {@code replay-42.telemetry.raw}, for
     * sandboxes such as replays that must not touch the real topics.
     */
    public Topic<K, V> inNamespace(String namespace) {
        requireLegalName(namespace, "topic namespace");
        if (namespace.startsWith(".") || namespace.endsWith(".")) {
            throw new IllegalArgumentException("topic namespace '" + namespace
                    + "' must not start or end with '.'; the dot separator is added for you");
        }
        return new Topic<>(namespace + "." + name, keyType, valueType, keySerde, valueSerde, partitions,
                cleanupPolicy, retention, description);
    }

    private static void requireLegalName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (name.length() > MAX_NAME_LENGTH || !LEGAL_NAME.matcher(name).matches()
                || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(what + " '" + name + "' is not a legal Kafka topic name; use at most "
                    + MAX_NAME_LENGTH + " characters from [a-zA-Z0-9._-], and not '.' or '..'");
        }
    }
}
