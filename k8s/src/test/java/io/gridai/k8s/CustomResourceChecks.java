package io.gridai.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Required fields of the Strimzi and Flink custom resources (no CRD schemas offline, so the ones we rely on). */
final class CustomResourceChecks {

    private static final Pattern OBJECT_STORE = Pattern.compile("^(s3|s3a|s3p|gs|abfss|wasbs|oss)://.+");

    private CustomResourceChecks() {
    }

    @SuppressWarnings("unchecked")
    static Object at(Object node, String... path) {
        for (String key : path) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }

    static List<String> check(Manifests m) {
        List<String> v = new ArrayList<>();
        List<GenericKubernetesResource> kafkas = m.custom("Kafka");
        if (kafkas.size() != 1 || !"gridai".equals(kafkas.get(0).getMetadata().getName())) {
            v.add(m.name + ": expected one Kafka named gridai");
        }
        for (GenericKubernetesResource kafka : kafkas) {
            Map<String, String> annotations = kafka.getMetadata().getAnnotations();
            if (annotations == null || !"enabled".equals(annotations.get("strimzi.io/node-pools"))
                    || !"enabled".equals(annotations.get("strimzi.io/kraft"))) {
                v.add(m.name + " Kafka: node pools and KRaft must be enabled by annotation");
            }
            Object spec = Manifests.spec(kafka);
            Object listeners = at(spec, "kafka", "listeners");
            if (!(listeners instanceof List<?> list) || list.isEmpty()) {
                v.add(m.name + " Kafka: no listeners");
            } else {
                for (Object l : list) {
                    if (!Boolean.TRUE.equals(at(l, "tls"))) {
                        v.add(m.name + " Kafka: listener " + at(l, "name") + " is not TLS");
                    }
                    if (!"tls".equals(at(l, "authentication", "type"))) {
                        v.add(m.name + " Kafka: listener " + at(l, "name") + " lacks TLS client authentication");
                    }
                }
                if (list.stream().noneMatch(l -> Integer.valueOf(9093).equals(at(l, "port"))
                        && "internal".equals(at(l, "type")))) {
                    v.add(m.name + " Kafka: no internal listener on 9093 (the services' bootstrap port)");
                }
            }
            if (!"simple".equals(at(spec, "kafka", "authorization", "type"))) {
                v.add(m.name + " Kafka: authorization is not simple (the KafkaUsers' ACLs would not apply)");
            }
            Object rf = at(spec, "kafka", "config", "default.replication.factor");
            Object isr = at(spec, "kafka", "config", "min.insync.replicas");
            if (!Integer.valueOf(3).equals(rf) || !Integer.valueOf(2).equals(isr)) {
                v.add(m.name + " Kafka: default.replication.factor " + rf + " / min.insync.replicas " + isr
                        + ", expected 3 / 2");
            }
            if (at(spec, "entityOperator", "topicOperator") == null || at(spec, "entityOperator", "userOperator") == null) {
                v.add(m.name + " Kafka: topic and user operators are needed for KafkaTopics and KafkaUsers");
            }
        }
        int brokers = 0;
        int controllers = 0;
        for (GenericKubernetesResource pool : m.custom("KafkaNodePool")) {
            Object spec = Manifests.spec(pool);
            if (!"gridai".equals(labels(pool).get("strimzi.io/cluster"))) {
                v.add(m.name + " KafkaNodePool " + pool.getMetadata().getName() + " is not labelled for cluster gridai");
            }
            if (!(at(spec, "replicas") instanceof Integer replicas) || at(spec, "storage", "type") == null
                    || !(at(spec, "roles") instanceof List<?> roles)) {
                v.add(m.name + " KafkaNodePool " + pool.getMetadata().getName() + " lacks replicas, roles or storage");
                continue;
            }
            if (roles.contains("broker")) {
                brokers += replicas;
            }
            if (roles.contains("controller")) {
                controllers += replicas;
            }
        }
        if (brokers < 3 || controllers < 3) {
            v.add(m.name + ": " + brokers + " brokers and " + controllers + " controllers; replication 3 needs 3 of each");
        }
        for (GenericKubernetesResource topic : m.custom("KafkaTopic")) {
            Object spec = Manifests.spec(topic);
            if (!"gridai".equals(labels(topic).get("strimzi.io/cluster")) || at(spec, "topicName") == null
                    || at(spec, "partitions") == null || at(spec, "replicas") == null) {
                v.add(m.name + " KafkaTopic " + topic.getMetadata().getName() + " lacks cluster label, name, partitions or replicas");
            }
        }
        for (GenericKubernetesResource user : m.custom("KafkaUser")) {
            Object spec = Manifests.spec(user);
            if (!"gridai".equals(labels(user).get("strimzi.io/cluster"))
                    || !"simple".equals(at(spec, "authorization", "type"))
                    || !(at(spec, "authorization", "acls") instanceof List<?> acls) || acls.isEmpty()) {
                v.add(m.name + " KafkaUser " + user.getMetadata().getName() + " lacks cluster label or simple ACLs");
            }
        }
        List<GenericKubernetesResource> flinks = m.custom("FlinkDeployment");
        if (flinks.size() < 2) {
            v.add(m.name + ": expected the streaming and the archive FlinkDeployment, found " + flinks.size());
        }
        for (GenericKubernetesResource flink : flinks) {
            String where = m.name + " FlinkDeployment " + flink.getMetadata().getName();
            Object spec = Manifests.spec(flink);
            for (String[] path : List.of(new String[] {"image"}, new String[] {"flinkVersion"},
                    new String[] {"jobManager", "resource", "memory"}, new String[] {"taskManager", "resource", "memory"},
                    new String[] {"job", "jarURI"}, new String[] {"job", "entryClass"})) {
                if (at(spec, path) == null) {
                    v.add(where + ": no spec." + String.join(".", path));
                }
            }
            if (!String.valueOf(at(spec, "job", "jarURI")).matches("local:///.*/flink-jobs-[^/]+-job\\.jar")) {
                v.add(where + ": jarURI " + at(spec, "job", "jarURI") + " is not the shaded flink-jobs -job.jar");
            }
            if (!"savepoint".equals(at(spec, "job", "upgradeMode"))) {
                v.add(where + ": upgradeMode " + at(spec, "job", "upgradeMode") + ", expected savepoint");
            }
            Object conf = at(spec, "flinkConfiguration");
            for (String key : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir",
                    "high-availability.storageDir")) {
                Object uri = at(conf, key);
                if (uri == null || !OBJECT_STORE.matcher(uri.toString()).matches()) {
                    v.add(where + ": " + key + " = " + uri + ", expected an object-store URI");
                }
            }
            if (at(conf, "high-availability.type") == null || at(conf, "execution.checkpointing.interval") == null) {
                v.add(where + ": HA type and checkpoint interval are required");
            }
        }
        List<Object> classes = flinks.stream().map(f -> at(Manifests.spec(f), "job", "entryClass")).toList();
        if (!classes.contains("io.gridai.flink.GridStreamingJob") || !classes.contains("io.gridai.flink.ArchiveJob")) {
            v.add(m.name + ": FlinkDeployments run " + classes + ", expected GridStreamingJob and ArchiveJob");
        }
        return v;
    }

    private static Map<String, String> labels(GenericKubernetesResource r) {
        return r.getMetadata().getLabels() == null ? Map.of() : r.getMetadata().getLabels();
    }
}
