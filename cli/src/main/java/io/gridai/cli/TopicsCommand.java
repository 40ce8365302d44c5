package io.gridai.cli;

import java.io.PrintWriter;

import io.gridai.model.topic.Topic;
import io.gridai.model.topic.TopicManifests;
import io.gridai.model.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `gridai topics`: the topic registry, as a table or as Strimzi KafkaTopic manifests. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "List every Kafka topic of the registry (name, key, value, partitions, retention).")
public final class TopicsCommand implements Runnable {

    @Option(names = "--strimzi", description = "Print Strimzi KafkaTopic manifests instead of a table.")
    boolean strimzi;

    @Option(names = "--cluster", defaultValue = "gridai", description = "Strimzi Kafka cluster name (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(names = "--replicas", defaultValue = "3", description = "Replicas per partition for --strimzi (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (strimzi) {
            out.print(TopicManifests.strimziKafkaTopics(Topics.all(), cluster, replicas));
        } else {
            out.printf("%-22s %-12s %-15s %4s  %-8s %-10s %s%n", "TOPIC", "KEY", "VALUE", "PART", "CLEANUP", "RETENTION", "DESCRIPTION");
            for (Topic<?, ?> t : Topics.all()) {
                out.printf("%-22s %-12s %-15s %4d  %-8s %-10s %s%n", t.name(), t.keyType().getSimpleName(),
                        t.valueType().getSimpleName(), t.partitions(), t.cleanupPolicy().name().toLowerCase(java.util.Locale.ROOT),
                        t.retention().map(java.time.Duration::toString).orElse("forever"), t.description());
            }
        }
        out.flush();
    }
}
