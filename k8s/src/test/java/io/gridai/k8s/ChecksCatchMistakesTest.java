package io.gridai.k8s;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each rule, shown to fail on the rendered base with one mistake put in, so green means something. */
class ChecksCatchMistakesTest {

    private static List<Map<String, Object>> base() {
        return Kustomize.render(Manifests.MODULE.resolve("base"));
    }

    private static List<String> violations(Consumer<List<Map<String, Object>>> mistake,
                                           Function<Manifests, List<String>> check) {
        List<Map<String, Object>> docs = base();
        assertThat(check.apply(Manifests.of("base", docs))).as("the base itself passes").isEmpty();
        List<Map<String, Object>> broken = base();
        mistake.accept(broken);
        return check.apply(Manifests.of("broken", broken));
    }

    private static Map<String, Object> find(List<Map<String, Object>> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(Kustomize.kind(d)) && name.equals(Kustomize.name(d)))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(List<Map<String, Object>> docs, String deployment) {
        Map<String, Object> pod = (Map<String, Object>) CustomResourceChecks.at(
                find(docs, "Deployment", deployment), "spec", "template", "spec");
        return (Map<String, Object>) ((List<Object>) pod.get("containers")).get(0);
    }

    @Test
    void deploymentWithoutReadinessProbe() {
        assertThat(violations(d -> container(d, "storage-manager").remove("readinessProbe"),
                Checks::workloadContainers)).containsExactly("broken storage-manager/storage-manager: no readiness probe");
    }

    @Test
    @SuppressWarnings("unchecked")
    void containerWithoutMemoryLimit() {
        assertThat(violations(d -> ((Map<String, Object>) ((Map<String, Object>) container(d, "operator-api")
                .get("resources")).get("limits")).remove("memory"), Checks::workloadContainers))
                .containsExactly("broken operator-api/operator-api: no memory limit");
    }

    @Test
    @SuppressWarnings("unchecked")
    void containerPortThatIsNotTheQuarkusPort() {
        assertThat(violations(d -> ((Map<String, Object>) ((List<Object>) container(d, "ingestion").get("ports")).get(0))
                .put("containerPort", 8080), Checks::quarkusServices))
                .anyMatch(v -> v.contains("containerPorts [8080] but quarkus.http.port is 8081"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aServiceWithAnotherServicesKafkaCertificate() {
        assertThat(violations(d -> {
            Map<String, Object> pod = (Map<String, Object>) CustomResourceChecks.at(find(d, "Deployment", "ingestion"),
                    "spec", "template", "spec");
            for (Object v : (List<Object>) pod.get("volumes")) {
                Map<String, Object> volume = (Map<String, Object>) v;
                if ("kafka-user".equals(volume.get("name"))) {
                    ((Map<String, Object>) volume.get("secret")).put("secretName", "gridai-storage-manager");
                }
            }
        }, Checks::kafkaTls)).singleElement().asString()
                .startsWith("broken ingestion: the keystore /etc/gridai/kafka-user/user.p12 is not in Secret gridai-ingestion");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFlinkJobWithoutTls() {
        assertThat(violations(d -> {
            List<Object> args = (List<Object>) CustomResourceChecks.at(find(d, "FlinkDeployment", "gridai-archive"),
                    "spec", "job", "args");
            int i = args.indexOf("kafka.client.security.protocol=SSL");
            args.remove(i);
            args.remove(i - 1);
        }, Checks::kafkaTls)).containsExactly("broken FlinkDeployment gridai-archive: no --set"
                + " kafka.client.security.protocol=SSL");
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoStorageManagersOrARollingUpdateOfTheOptimiser() {
        assertThat(violations(d -> ((Map<String, Object>) find(d, "Deployment", "storage-manager").get("spec"))
                .put("replicas", 2), Checks::singleControlLoops))
                .containsExactly("broken storage-manager: 2 replicas; a setpoint control loop runs exactly one (two would"
                        + " both actuate)");
        assertThat(violations(d -> ((Map<String, Object>) find(d, "Deployment", "dispatch-optimizer").get("spec"))
                .remove("strategy"), Checks::singleControlLoops))
                .containsExactly("broken dispatch-optimizer: strategy null; Recreate, so that an update never runs two"
                        + " at once");
    }

    @Test
    @SuppressWarnings("unchecked")
    void budgetSelectingNothing() {
        assertThat(violations(d -> ((Map<String, Object>) CustomResourceChecks.at(find(d, "PodDisruptionBudget",
                        "dispatch-optimizer"), "spec", "selector", "matchLabels"))
                        .put("app.kubernetes.io/name", "dispatch"), Checks::servicesAndBudgets))
                .contains("broken PodDisruptionBudget dispatch-optimizer selects no workload",
                        "broken dispatch-optimizer has no PodDisruptionBudget");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ingestionAllowedToWriteSetpoints() {
        assertThat(violations(d -> {
            Map<String, Object> acl = new LinkedHashMap<>();
            acl.put("resource", Map.of("type", "topic", "name", "grid.", "patternType", "prefix"));
            acl.put("operations", List.of("Write"));
            ((List<Object>) CustomResourceChecks.at(find(d, "KafkaUser", "gridai-ingestion"),
                    "spec", "authorization", "acls")).add(acl);
        }, Checks::kafkaUsers)).singleElement().asString().contains("gridai-ingestion");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aclOnATopicOutsideTheRegistry() {
        assertThat(violations(d -> ((List<Object>) CustomResourceChecks.at(find(d, "KafkaUser", "gridai-flink"),
                "spec", "authorization", "acls")).add(Map.of(
                "resource", Map.of("type", "topic", "name", "grid.forecast", "patternType", "literal"),
                "operations", List.of("Read"))), Checks::kafkaUsers))
                .containsExactly("broken KafkaUser gridai-flink names topic 'grid.forecast', which is not in grid-model's registry");
    }

    @Test
    void noDefaultDeny() {
        assertThat(violations(d -> d.remove(find(d, "NetworkPolicy", "default-deny-all")), Checks::defaultDeny))
                .hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void hazelcastOpenedToOtherNamespaces() {
        assertThat(violations(d -> ((List<Object>) CustomResourceChecks.at(find(d, "NetworkPolicy", "allow-hazelcast"),
                        "spec", "ingress")).add(Map.of("from", List.of(Map.of("namespaceSelector", Map.of())),
                        "ports", List.of(Map.of("port", 5701)))), Checks::externalIngress))
                .anyMatch(v -> v.contains("[agent-gateway, hazelcast, ingestion, operator-api]"));
    }

    @Test
    void dnsEgressRemoved() {
        assertThat(violations(d -> d.remove(find(d, "NetworkPolicy", "allow-dns-egress")), Checks::componentTraffic))
                .hasSize(Checks.SERVICE_MODULES.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void flinkJobWithoutSavepointUpgrades() {
        assertThat(violations(d -> ((Map<String, Object>) CustomResourceChecks.at(find(d, "FlinkDeployment",
                "gridai-archive"), "spec", "job")).put("upgradeMode", "stateless"), CustomResourceChecks::check))
                .containsExactly("broken FlinkDeployment gridai-archive: upgradeMode stateless, expected savepoint");
    }

    @Test
    @SuppressWarnings("unchecked")
    void plaintextKafkaListener() {
        assertThat(violations(d -> ((List<Object>) CustomResourceChecks.at(find(d, "Kafka", "gridai"),
                "spec", "kafka", "listeners")).add(new LinkedHashMap<>(Map.of("name", "plain", "port", 9092,
                "type", "internal", "tls", false))), CustomResourceChecks::check))
                .contains("broken Kafka: listener plain is not TLS");
    }

    @Test
    void misspelledFieldOfABuiltInKindIsRefused() {
        List<Map<String, Object>> docs = base();
        Map<String, Object> c = container(docs, "agent-gateway");
        c.put("readinesProbe", c.remove("readinessProbe"));
        assertThatThrownBy(() -> Manifests.of("broken", docs)).hasMessageContaining("readinesProbe");
    }

    @Test
    void unknownKindIsRefused() {
        List<Map<String, Object>> docs = new ArrayList<>(base());
        docs.add(new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", "x"))));
        assertThatThrownBy(() -> Manifests.of("broken", docs)).hasMessageContaining("unexpected kind v1/Secret");
    }
}
