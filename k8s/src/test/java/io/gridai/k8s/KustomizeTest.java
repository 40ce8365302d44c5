package io.gridai.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test renderer itself, and what the overlays make of the base. */
class KustomizeTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              replicas: 3
              template:
                spec:
                  containers:
                    - name: a
                      image: a:1
                      env:
                        - name: X
                          value: "1"
                    - name: b
                      image: b:1
            """;

    @Test
    void strategicMergeMergesContainersByNameAndNullDeletes(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("base"));
        Files.writeString(dir.resolve("base/app.yaml"), DEPLOYMENT);
        Files.writeString(dir.resolve("base/kustomization.yaml"), "resources: [app.yaml]\n");
        Files.createDirectories(dir.resolve("over"));
        Files.writeString(dir.resolve("over/kustomization.yaml"), "resources: [../base]\npatches:\n  - path: p.yaml\n");
        Files.writeString(dir.resolve("over/p.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  replicas: null
                  template:
                    spec:
                      containers:
                        - name: b
                          image: b:2
                          env:
                            - name: Y
                              value: "2"
                """);
        Map<String, Object> d = Kustomize.render(dir.resolve("over")).get(0);
        assertThat(CustomResourceChecks.at(d, "spec", "replicas")).isNull();
        assertThat((Object) CustomResourceChecks.at(d, "spec", "template", "spec", "containers")).isEqualTo(List.of(
                Map.of("name", "a", "image", "a:1", "env", List.of(Map.of("name", "X", "value", "1"))),
                Map.of("name", "b", "image", "b:2", "env", List.of(Map.of("name", "Y", "value", "2")))));
    }

    @Test
    void json6902NeedsAMatchingTargetAndAnExistingPath(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("app.yaml"), DEPLOYMENT);
        Files.writeString(dir.resolve("ok.yaml"), "- op: replace\n  path: /spec/replicas\n  value: 1\n");
        Files.writeString(dir.resolve("bad.yaml"), "- op: replace\n  path: /spec/strategy/type\n  value: Recreate\n");
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [app.yaml]
                patches:
                  - path: ok.yaml
                    target: {kind: Deployment, name: app}
                """);
        assertThat(CustomResourceChecks.at(Kustomize.render(dir).get(0), "spec", "replicas")).isEqualTo(1);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [app.yaml]
                patches:
                  - path: ok.yaml
                    target: {kind: Deployment, name: other}
                """);
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("matches no resource");
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [app.yaml]
                patches:
                  - path: bad.yaml
                    target: {kind: Deployment, name: app}
                """);
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("does not exist");
    }

    @Test
    void featuresTheRendererLacksAreRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("app.yaml"), DEPLOYMENT);
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [app.yaml]\nnamePrefix: dev-\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("namePrefix");
    }

    @Test
    void devRunsOneReplicaOfEachServiceAndKeepsThreeBrokers() {
        Manifests dev = Manifests.render("overlays/dev");
        dev.of(io.fabric8.kubernetes.api.model.apps.Deployment.class).forEach(d ->
                assertThat(d.getSpec().getReplicas()).as(d.getMetadata().getName()).isEqualTo(1));
        assertThat(dev.of(io.fabric8.kubernetes.api.model.apps.StatefulSet.class).get(0).getSpec().getReplicas())
                .isEqualTo(1);
        dev.of(io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class).stream()
                .filter(p -> Checks.SERVICE_MODULES.containsKey(p.getMetadata().getName()))
                .forEach(p -> assertThat(p.getSpec().getMinAvailable()).isNull());
        assertThat(dev.custom("KafkaNodePool")).allSatisfy(pool -> {
            assertThat(Manifests.spec(pool).get("replicas")).isEqualTo(3);
            assertThat(CustomResourceChecks.at(Manifests.spec(pool), "resources", "limits", "memory")).isEqualTo("1Gi");
        });
    }

    @Test
    void prodWidensTheAutoscalersAndKeepsTheBase() {
        Manifests prod = Manifests.render("overlays/prod");
        assertThat(prod.of(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class))
                .allSatisfy(h -> {
                    assertThat(h.getSpec().getMinReplicas()).isEqualTo(3);
                    assertThat(h.getSpec().getMaxReplicas()).isEqualTo(10);
                });
        assertThat(prod.raw).hasSameSizeAs(Manifests.render("base").raw);
        assertThat(prod.of(io.fabric8.kubernetes.api.model.apps.StatefulSet.class).get(0).getSpec().getReplicas())
                .isEqualTo(3);
    }
}
