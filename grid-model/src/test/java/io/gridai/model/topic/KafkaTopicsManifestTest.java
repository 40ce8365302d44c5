package io.gridai.model.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed Strimzi manifest is exactly what {@link TopicManifests} generates from {@link Topics}.
 * Run with {@code -Dgridai.regenerate=true} to rewrite it.
 */
class KafkaTopicsManifestTest {

    @Test
    void theCommittedManifestMatchesTheTopicRegistry() throws IOException {
        Path committed = repositoryRoot().resolve(TopicManifests.COMMITTED_PATH);
        if (Boolean.getBoolean("gridai.regenerate")) {
            TopicManifests.write(committed);
        }
        assertThat(committed).as("%s is missing; regenerate it from the repository root with%n"
                + "  mvn -pl grid-model test -Dtest=KafkaTopicsManifestTest -Dgridai.regenerate=true", committed)
                .exists();
        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as("%s is out of date with grid-model's Topics; regenerate it from the repository root with%n"
                        + "  mvn -pl grid-model test -Dtest=KafkaTopicsManifestTest -Dgridai.regenerate=true%n"
                        + "and commit the result", committed)
                .isEqualTo(TopicManifests.committedManifest());
    }

    @Test
    void rendersOneKafkaTopicPerTopic() {
        String yaml = TopicManifests.strimziKafkaTopics(List.of(Topics.TELEMETRY_RAW, Topics.GRID_AUDIT), "gridai", 3);

        assertThat(yaml).isEqualTo("""
                ---
                # Validated, unit-normalised telemetry from ingestion, keyed by asset.
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: telemetry-raw
                  labels:
                    strimzi.io/cluster: gridai
                spec:
                  topicName: telemetry.raw
                  partitions: 6
                  replicas: 3
                  config:
                    cleanup.policy: "delete"
                    retention.ms: "604800000"
                    min.insync.replicas: "2"
                ---
                # Hash-chained audit events keyed by chain name; one partition, kept forever.
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: grid-audit
                  labels:
                    strimzi.io/cluster: gridai
                spec:
                  topicName: grid.audit
                  partitions: 1
                  replicas: 3
                  config:
                    cleanup.policy: "delete"
                    retention.ms: "-1"
                    min.insync.replicas: "2"
                """);
    }

    @Test
    void aSingleReplicaClusterGetsNoMinInSyncReplicas() {
        String yaml = TopicManifests.strimziKafkaTopics(Topics.all(), "dev", 1);

        assertThat(yaml).doesNotContain("min.insync.replicas").contains("strimzi.io/cluster: dev")
                .contains("replicas: 1");
        assertThat(yaml.split("kind: KafkaTopic", -1)).hasSize(Topics.all().size() + 1);
    }

    @Test
    void refusesClusterNamesKubernetesWouldRefuse() {
        assertThatIllegalArgumentException().isThrownBy(() -> TopicManifests.strimziKafkaTopics(Topics.all(),
                "Grid_AI", 3)).withMessageContaining("lowercase");
        assertThatIllegalArgumentException().isThrownBy(() -> TopicManifests.strimziKafkaTopics(Topics.all(),
                "gridai", 0)).withMessageContaining("replicas");
    }

    /** The module's parent folder: Maven runs tests with {@code basedir} set to the module. */
    private static Path repositoryRoot() {
        String moduleDir = System.getProperty("basedir", System.getProperty("user.dir"));
        return Path.of(moduleDir).toAbsolutePath().getParent();
    }
}
