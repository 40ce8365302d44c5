package io.gridai.ingestion.mqtt;

import java.util.Optional;

/**
 * Where the sender's name sits in a topic: {@code <topic-root>/<mqtt-username>/<anything>}. The broker's ACL lets
 * each username write only below its own level, so the level is as trustworthy as the broker's login.
 */
final class SourceLevel {

    private SourceLevel() {
    }

    /** The level right after {@code root}, or empty when the topic is not below the root or that level is empty. */
    static Optional<String> of(String topic, String root) {
        String prefix = root + "/";
        if (topic == null || !topic.startsWith(prefix)) {
            return Optional.empty();
        }
        int end = topic.indexOf('/', prefix.length());
        String level = end < 0 ? topic.substring(prefix.length()) : topic.substring(prefix.length(), end);
        return level.isEmpty() ? Optional.empty() : Optional.of(level);
    }
}
