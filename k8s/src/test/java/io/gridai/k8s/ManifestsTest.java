package io.gridai.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.gridai.model.topic.TopicManifests;
import io.gridai.model.topic.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The base and every overlay, rendered, against the rules in {@link Checks} and {@link CustomResourceChecks}. */
class ManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyDocumentParsesIntoItsModel(String dir) {
        Manifests m = Manifests.render(dir);
        assertThat(m.all).hasSize(m.raw.size());
        for (String kind : new String[] {"Deployment", "Service", "StatefulSet", "PodDisruptionBudget",
                "HorizontalPodAutoscaler", "NetworkPolicy", "ConfigMap", "Kafka", "KafkaNodePool", "KafkaTopic",
                "KafkaUser", "FlinkDeployment"}) {
            assertThat(m.all).as(dir + " has a " + kind).anyMatch(r -> kind.equals(r.getKind()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void customResourcesHaveTheirRequiredFields(String dir) {
        assertThat(CustomResourceChecks.check(Manifests.render(dir))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyContainerHasProbesResourcesAndRunsAsNonRoot(String dir) {
        assertThat(Checks.workloadContainers(Manifests.render(dir))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void quarkusServicesListenWhereTheirApplicationPropertiesSay(String dir) {
        assertThat(Checks.quarkusServices(Manifests.render(dir))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyServiceTalksMutualTlsToKafkaWithItsOwnUser(String dir) {
        assertThat(Checks.kafkaTls(Manifests.render(dir))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void theSetpointControlLoopsRunOneInstanceNeverTwo(String dir) {
        assertThat(Checks.singleControlLoops(Manifests.render(dir))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void servicesBudgetsAndAutoscalersSelectRealWorkloads(String dir) {
        assertThat(Checks.servicesAndBudgets(Manifests.render(dir))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void kafkaTopicsAreExactlyTheRegistry(String dir) {
        Manifests m = Manifests.render(dir);
        Map<String, String> rendered = new TreeMap<>();
        for (GenericKubernetesResource topic : m.custom("KafkaTopic")) {
            Map<String, Object> spec = Manifests.spec(topic);
            rendered.put(topic.getMetadata().getName(), spec.get("topicName") + " partitions=" + spec.get("partitions")
                    + " replicas=" + spec.get("replicas") + " isr="
                    + CustomResourceChecks.at(spec, "config", "min.insync.replicas"));
        }
        Map<String, String> registry = new TreeMap<>();
        Topics.all().forEach(t -> registry.put(TopicManifests.resourceName(t), t.name() + " partitions="
                + t.partitions() + " replicas=" + TopicManifests.REPLICAS + " isr=2"));
        assertThat(rendered).isEqualTo(registry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void kafkaUsersNameRegistryTopicsAndOnlyPublishersWriteSetpoints(String dir) {
        Manifests m = Manifests.render(dir);
        assertThat(Checks.kafkaUsers(m)).isEmpty();
        for (String service : Checks.SERVICE_MODULES.keySet()) {
            assertThat(m.custom("KafkaUser")).as(service + " has a KafkaUser")
                    .anyMatch(u -> u.getMetadata().getName().equals("gridai-" + service));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void namespaceDeniesByDefaultAndOnlyTheEntryPointsAreReachableFromOutside(String dir) {
        Manifests m = Manifests.render(dir);
        assertThat(Checks.defaultDeny(m)).isEmpty();
        assertThat(Checks.externalIngress(m)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void componentsMayReachKafkaHazelcastAndDns(String dir) {
        assertThat(Checks.componentTraffic(Manifests.render(dir))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void committedTopicManifestIsTheGeneratedOne() throws Exception {
        assertThat(java.nio.file.Files.readString(Manifests.REPO.resolve(TopicManifests.COMMITTED_PATH)))
                .isEqualTo(TopicManifests.committedManifest());
    }
}
