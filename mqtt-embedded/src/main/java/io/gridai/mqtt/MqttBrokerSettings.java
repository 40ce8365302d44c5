package io.gridai.mqtt;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to run the embedded MQTT broker.
 *
 * @param host            address the broker listens on; loopback by default
 * @param port            MQTT port; {@code 0} picks a free port
 * @param dataDir         folder of the persistent sessions (subscriptions and QoS 1 messages queued for clients
 *                        connected with clean-session false); kept across restarts
 * @param topicRoot       the level below which sources publish: user {@code u} may publish only to
 *                        {@code <topicRoot>/u/…}
 * @param passwords       every user that may connect, with its password; anonymous clients are refused
 * @param subscribers     users (among {@code passwords}) that may subscribe to {@code <topicRoot>/#}, e.g. ingestion;
 *                        they may not publish. Other users may not subscribe to anything.
 * @param maxMessageBytes largest MQTT packet accepted
 */
public record MqttBrokerSettings(String host, int port, Path dataDir, String topicRoot, Map<String, String> passwords,
        Set<String> subscribers, int maxMessageBytes) {

    /** Address the broker listens on unless told otherwise: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Where sources publish, as ingestion expects ({@code gridai.ingestion.mqtt.topic-root}). */
    public static final String DEFAULT_TOPIC_ROOT = "gridai/telemetry";
    /** Largest packet by default: 1 MiB, room for a batch of a few thousand readings. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;

    public MqttBrokerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(topicRoot, "topicRoot");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("MQTT port must be 0 (any free port) or 1..65535, was " + port);
        }
        if (topicRoot.isEmpty() || topicRoot.startsWith("/") || topicRoot.endsWith("/") || topicRoot.contains("+")
                || topicRoot.contains("#")) {
            throw new IllegalArgumentException("topic root '" + topicRoot + "' must be one or more topic levels"
                    + " without leading or trailing / and without wildcards, e.g. " + DEFAULT_TOPIC_ROOT);
        }
        passwords.forEach((user, password) -> {
            if (user.isEmpty() || user.contains("/") || user.contains("+") || user.contains("#")) {
                throw new IllegalArgumentException("MQTT user '" + user + "' cannot be a topic level; use a name"
                        + " without / + #");
            }
            if (password.isEmpty()) {
                throw new IllegalArgumentException("MQTT user '" + user + "' has an empty password; give it one");
            }
        });
        for (String subscriber : subscribers) {
            if (!passwords.containsKey(subscriber)) {
                throw new IllegalArgumentException("subscriber '" + subscriber + "' has no password; list it among"
                        + " the users");
            }
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024, was " + maxMessageBytes);
        }
        passwords = Map.copyOf(passwords);
        subscribers = Set.copyOf(subscribers);
    }

    /** A loopback broker on a free port with the default topic root and message size. */
    public static MqttBrokerSettings ephemeralPort(Path dataDir, Map<String, String> passwords,
            Set<String> subscribers) {
        return new MqttBrokerSettings(DEFAULT_HOST, 0, dataDir, DEFAULT_TOPIC_ROOT, passwords, subscribers,
                DEFAULT_MAX_MESSAGE_BYTES);
    }

    public MqttBrokerSettings withPort(int newPort) {
        return new MqttBrokerSettings(host, newPort, dataDir, topicRoot, passwords, subscribers, maxMessageBytes);
    }
}
