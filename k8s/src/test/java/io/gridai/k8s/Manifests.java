package io.gridai.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One rendering (base or an overlay) parsed: built-in kinds into fabric8's typed models, CRDs as generic ones. */
final class Manifests {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path REPO = MODULE.getParent();

    /** apiVersion/kind of every built-in kind the manifests may use, and its fabric8 class. */
    static final Map<String, Class<? extends HasMetadata>> TYPED = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    /** apiVersion/kind of every custom resource the manifests may use (Strimzi, Flink Kubernetes Operator). */
    static final Set<String> CUSTOM = Set.of(
            "kafka.strimzi.io/v1beta2/Kafka",
            "kafka.strimzi.io/v1beta2/KafkaNodePool",
            "kafka.strimzi.io/v1beta2/KafkaTopic",
            "kafka.strimzi.io/v1beta2/KafkaUser",
            "flink.apache.org/v1beta1/FlinkDeployment");

    final String name;
    final List<Map<String, Object>> raw;
    final List<HasMetadata> all = new ArrayList<>();

    private Manifests(String name, List<Map<String, Object>> raw) {
        this.name = name;
        this.raw = raw;
        for (Map<String, Object> doc : raw) {
            String key = doc.get("apiVersion") + "/" + doc.get("kind");
            Class<? extends HasMetadata> type = TYPED.get(key);
            HasMetadata parsed;
            if (type != null) {
                parsed = Kustomize.YAML.convertValue(doc, type);
                List<String> unknown = new ArrayList<>();
                unknownFields(parsed, key + " " + Kustomize.name(doc), unknown, new IdentityHashMap<>());
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException(name + ": fields the " + key + " schema does not know: " + unknown);
                }
            } else if (CUSTOM.contains(key)) {
                parsed = Kustomize.YAML.convertValue(doc, GenericKubernetesResource.class);
            } else {
                throw new IllegalArgumentException(name + ": unexpected kind " + key + " (" + Kustomize.name(doc) + ")");
            }
            if (parsed.getMetadata() == null || parsed.getMetadata().getName() == null) {
                throw new IllegalArgumentException(name + ": " + key + " without metadata.name");
            }
            all.add(parsed);
        }
    }

    /** Renders base ({@code "base"}) or an overlay ({@code "overlays/dev"}) of {@code k8s/}. */
    static Manifests render(String dir) {
        return new Manifests(dir, Kustomize.render(MODULE.resolve(dir)));
    }

    /** Already-rendered documents (the tests that show a check catches a broken manifest). */
    static Manifests of(String name, List<Map<String, Object>> documents) {
        return new Manifests(name, documents);
    }

    <T extends HasMetadata> List<T> of(Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> custom(String kind) {
        return of(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    /** The pod templates of every Deployment and StatefulSet, by workload name. */
    Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> templates = new java.util.LinkedHashMap<>();
        of(Deployment.class).forEach(d -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        of(StatefulSet.class).forEach(s -> templates.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        return templates;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    /** matchLabels only; an empty or absent selector matches everything; matchExpressions are not used here. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new IllegalArgumentException("matchExpressions are not supported by these tests: " + selector);
        }
        Map<String, String> wanted = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return labels != null && labels.entrySet().containsAll(wanted.entrySet());
    }

    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null
                && labels.entrySet().containsAll(selector.entrySet());
    }

    /**
     * Fields a typed model did not recognise land in its additionalProperties; a typo such as {@code readinesProbe}
     * would pass unnoticed otherwise.
     */
    private static void unknownFields(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object child = getter.invoke(value);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + ": " + extra.keySet());
                    }
                } else {
                    unknownFields(child, path + "." + getter.getName().substring(3), unknown, seen);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
