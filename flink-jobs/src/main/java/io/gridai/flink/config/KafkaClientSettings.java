package io.gridai.flink.config;

import java.io.Serializable;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Kafka client properties for every source and sink of the jobs, e.g. the TLS settings of a secured cluster:
 * {@code kafka.client.<property>=<value>} (say {@code kafka.client.security.protocol=SSL}), or
 * {@code kafka.client-env.<property>=<ENV_VAR>} for a value that must not be written down (a keystore password),
 * read from that environment variable of the JVM that builds the job (the JobManager in application mode).
 *
 * <p>The properties the jobs set themselves (bootstrap servers, group, isolation level, transactional ids and
 * timeout, serializers) are refused: the jobs' guarantees depend on them. {@link #toString()} names the keys only.
 *
 * @param properties the client properties, by Kafka name
 */
public record KafkaClientSettings(Map<String, String> properties) implements Serializable {

    /** Kafka properties the jobs own. */
    static final Set<String> OWNED = Set.of("bootstrap.servers", "group.id", "client.id", "isolation.level",
            "transactional.id", "transaction.timeout.ms", "enable.idempotence", "key.serializer", "value.serializer",
            "key.deserializer", "value.deserializer", "enable.auto.commit", "auto.offset.reset");

    private static final String LITERAL = "kafka.client.";
    private static final String FROM_ENV = "kafka.client-env.";

    public KafkaClientSettings {
        properties = Map.copyOf(properties);
    }

    /** No client properties. */
    public static KafkaClientSettings none() {
        return new KafkaClientSettings(Map.of());
    }

    /** The {@code kafka.client.*} and {@code kafka.client-env.*} keys of {@code settings}. */
    static KafkaClientSettings read(Properties settings, UnaryOperator<String> environment) {
        Map<String, String> out = new TreeMap<>();
        for (String key : settings.stringPropertyNames()) {
            String value = settings.getProperty(key).strip();
            if (key.startsWith(LITERAL)) {
                put(out, key, key.substring(LITERAL.length()), value);
            } else if (key.startsWith(FROM_ENV)) {
                String resolved = environment.apply(value);
                if (resolved == null) {
                    throw new SettingsException(key + " names the environment variable " + value
                            + ", which is not set; set it (e.g. from a Secret) or give " + LITERAL
                            + key.substring(FROM_ENV.length()) + " instead");
                }
                put(out, key, key.substring(FROM_ENV.length()), resolved);
            }
        }
        return new KafkaClientSettings(out);
    }

    private static void put(Map<String, String> out, String key, String property, String value) {
        if (property.isEmpty()) {
            throw new SettingsException(key + " names no Kafka property; give e.g. " + LITERAL + "security.protocol");
        }
        if (OWNED.contains(property)) {
            throw new SettingsException(key + " sets " + property + ", which the jobs set themselves (their"
                    + " exactly-once and offset handling depend on it); leave it out");
        }
        if (out.containsKey(property)) {
            throw new SettingsException(property + " is given both as " + LITERAL + property + " and as " + FROM_ENV
                    + property + "; keep one");
        }
        out.put(property, value);
    }

    @Override
    public String toString() {
        return "KafkaClientSettings" + new TreeMap<>(properties).keySet();
    }
}
