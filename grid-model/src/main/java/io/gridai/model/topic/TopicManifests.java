package io.gridai.model.topic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders topics as Strimzi {@code KafkaTopic} resources, so the scaled-out deployment creates exactly the
 * topics of {@link Topics}. {@code k8s/base/kafka-topics.yaml} is {@link #committedManifest()}; a test in
 * grid-model fails when the two differ. Regenerate with
 * {@code mvn -pl grid-model test -Dtest=KafkaTopicsManifestTest -Dgridai.regenerate=true}, or run
 * {@code main} with the file path as its argument.
 */
public final class TopicManifests {

    /** Strimzi cluster the committed manifest targets. */
    public static final String CLUSTER_NAME = "gridai";
    /** Replication factor of the committed manifest. */
    public static final int REPLICAS = 3;
    /** Path of the committed manifest, relative to the repository root. */
    public static final String COMMITTED_PATH = "k8s/base/kafka-topics.yaml";

    private static final String HEADER = """
            # GENERATED FILE - do not edit by hand.
            # Generated from grid-model's io.gridai.model.topic.Topics by io.gridai.model.topic.TopicManifests
            # (cluster "%s", %d replicas); KafkaTopicsManifestTest in grid-model fails when it is out of date.
            # Regenerate from the repository root:
            #   mvn -pl grid-model test -Dtest=KafkaTopicsManifestTest -Dgridai.regenerate=true
            """;

    private TopicManifests() {
    }

    /**
     * One Strimzi {@code KafkaTopic} YAML document per topic, headed by the topic's description as a comment.
     * The resource name is {@link #resourceName}; {@code spec.topicName} keeps the real name. Config values are
     * quoted strings; with 3 or more replicas {@code min.insync.replicas} is 2.
     */
    public static String strimziKafkaTopics(List<Topic<?, ?>> topics, String kafkaClusterName, int replicas) {
        if (kafkaClusterName == null || !kafkaClusterName.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            throw new IllegalArgumentException("Kafka cluster name '" + kafkaClusterName
                    + "' is not a Kubernetes resource name; use lowercase letters, digits and '-'");
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1 but was " + replicas);
        }
        StringBuilder yaml = new StringBuilder();
        for (Topic<?, ?> topic : topics) {
            yaml.append("---\n")
                    .append("# ").append(topic.description()).append('\n')
                    .append("apiVersion: kafka.strimzi.io/v1beta2\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(resourceName(topic)).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(kafkaClusterName).append('\n')
                    .append("spec:\n")
                    .append("  topicName: ").append(topic.name()).append('\n')
                    .append("  partitions: ").append(topic.partitions()).append('\n')
                    .append("  replicas: ").append(replicas).append('\n')
                    .append("  config:\n");
            configs(topic, replicas).forEach((key, value) ->
                    yaml.append("    ").append(key).append(": \"").append(value).append("\"\n"));
        }
        return yaml.toString();
    }

    /** The Kubernetes resource name of a topic: its name, lowercased, with '.' and '_' replaced by '-'. */
    public static String resourceName(Topic<?, ?> topic) {
        return topic.name().toLowerCase(Locale.ROOT).replace('.', '-').replace('_', '-');
    }

    /** The exact text of {@link #COMMITTED_PATH}: a header and every topic for the production cluster. */
    public static String committedManifest() {
        return HEADER.formatted(CLUSTER_NAME, REPLICAS) + strimziKafkaTopics(Topics.all(), CLUSTER_NAME, REPLICAS);
    }

    /** Writes {@link #committedManifest()} to the file named by {@code args[0]}, creating parent folders. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: TopicManifests <output file>, e.g. " + COMMITTED_PATH);
        }
        write(Path.of(args[0]));
    }

    /** Writes {@link #committedManifest()} to {@code file}, creating parent folders. */
    public static void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, committedManifest(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> configs(Topic<?, ?> topic, int replicas) {
        Map<String, String> configs = new LinkedHashMap<>(topic.configs());
        if (replicas >= 3) {
            configs.put("min.insync.replicas", "2");
        }
        return configs;
    }
}
