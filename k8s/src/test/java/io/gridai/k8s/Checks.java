package io.gridai.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.gridai.model.topic.Topics;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/** The rules the manifests must keep; each returns the violations it found (empty: all good). */
final class Checks {

    /** Quarkus services by Deployment name, and the module directory whose application.properties has the port. */
    static final Map<String, String> SERVICE_MODULES = Map.of(
            "ingestion", "ingestion",
            "dispatch-optimizer", "dispatch-optimizer/service",
            "storage-manager", "storage-manager",
            "operator-api", "operator-api",
            "agent-gateway", "agent-gateway/service");

    /** The only components that may write grid.setpoints (docs/architecture.md, docs/security.md). */
    static final Set<String> SETPOINT_PUBLISHERS = Set.of(
            "gridai-dispatch-optimizer", "gridai-storage-manager", "gridai-operator-api", "gridai-agent-gateway");

    /** Stateless services that scale horizontally. */
    static final Set<String> AUTOSCALED = Set.of("ingestion", "operator-api", "agent-gateway");

    /** Workloads reachable from outside the namespace (ingestion: utilities push telemetry over its HTTP feed). */
    static final Set<String> EXTERNAL_ENTRY_POINTS = Set.of("operator-api", "agent-gateway", "ingestion");

    private Checks() {
    }

    static int quarkusHttpPort(String module) {
        Path file = Manifests.REPO.resolve(module).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Integer.parseInt(Objects.requireNonNull(properties.getProperty("quarkus.http.port"),
                "no quarkus.http.port in " + file).trim());
    }

    static List<String> workloadContainers(Manifests m) {
        List<String> violations = new ArrayList<>();
        Set<String> deployments = new TreeSet<>();
        m.of(Deployment.class).forEach(d -> deployments.add(d.getMetadata().getName()));
        m.podTemplates().forEach((workload, template) -> {
            boolean isDeployment = deployments.contains(workload);
            var pod = template.getSpec();
            boolean podNonRoot = pod.getSecurityContext() != null
                    && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot());
            for (Container c : pod.getContainers()) {
                String where = m.name + " " + workload + "/" + c.getName();
                if (c.getReadinessProbe() == null && isDeployment) {
                    violations.add(where + ": no readiness probe");
                }
                if (c.getLivenessProbe() == null && isDeployment) {
                    violations.add(where + ": no liveness probe");
                }
                ResourceRequirements r = c.getResources();
                for (String resource : List.of("cpu", "memory")) {
                    if (r == null || r.getRequests() == null || r.getRequests().get(resource) == null) {
                        violations.add(where + ": no " + resource + " request");
                    }
                    if (r == null || r.getLimits() == null || r.getLimits().get(resource) == null) {
                        violations.add(where + ": no " + resource + " limit");
                    }
                }
                boolean containerNonRoot = c.getSecurityContext() != null
                        && Boolean.TRUE.equals(c.getSecurityContext().getRunAsNonRoot());
                if (!podNonRoot && !containerNonRoot) {
                    violations.add(where + ": runAsNonRoot is not set");
                }
                if (c.getSecurityContext() == null
                        || !Boolean.FALSE.equals(c.getSecurityContext().getAllowPrivilegeEscalation())) {
                    violations.add(where + ": allowPrivilegeEscalation is not false");
                }
            }
        });
        return violations;
    }

    static List<String> quarkusServices(Manifests m) {
        List<String> violations = new ArrayList<>();
        Set<String> found = new TreeSet<>();
        for (Deployment d : m.of(Deployment.class)) {
            String name = d.getMetadata().getName();
            String module = SERVICE_MODULES.get(name);
            if (module == null) {
                continue;
            }
            found.add(name);
            int port = quarkusHttpPort(module);
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            String where = m.name + " " + name;
            if (!("ghcr.io/gridai/" + name + ":0.1.0").equals(c.getImage())) {
                violations.add(where + ": image " + c.getImage());
            }
            List<Integer> ports = c.getPorts() == null ? List.of()
                    : c.getPorts().stream().map(ContainerPort::getContainerPort).toList();
            if (!ports.equals(List.of(port))) {
                violations.add(where + ": containerPorts " + ports + " but quarkus.http.port is " + port);
            }
            probe(where + " readiness", c.getReadinessProbe(), "/q/health/ready", c, port, violations);
            probe(where + " liveness", c.getLivenessProbe(), "/q/health/live", c, port, violations);
            Map<String, String> env = new java.util.HashMap<>();
            if (c.getEnv() != null) {
                c.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
            }
            if (!"gridai-kafka-bootstrap:9093".equals(env.get("KAFKA_BOOTSTRAP_SERVERS"))) {
                violations.add(where + ": KAFKA_BOOTSTRAP_SERVERS is " + env.get("KAFKA_BOOTSTRAP_SERVERS"));
            }
            if (!"false".equals(env.get("QUARKUS_OTEL_SDK_DISABLED"))) {
                violations.add(where + ": tracing off (QUARKUS_OTEL_SDK_DISABLED is " + env.get("QUARKUS_OTEL_SDK_DISABLED")
                        + ", not false)");
            }
            if (!"http://otel-collector:4318/v1/traces".equals(env.get("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))) {
                violations.add(where + ": QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is "
                        + env.get("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") + ", not the collector's OTLP/HTTP");
            }
            List<Service> services = m.of(Service.class).stream()
                    .filter(s -> Manifests.selects(s.getSpec().getSelector(),
                            d.getSpec().getTemplate().getMetadata().getLabels()))
                    .toList();
            if (services.isEmpty()) {
                violations.add(where + ": no Service selects it");
            }
            for (Service s : services) {
                for (ServicePort sp : s.getSpec().getPorts()) {
                    if (resolvePort(sp.getTargetPort() == null ? new IntOrString(sp.getPort()) : sp.getTargetPort(),
                            c) != port) {
                        violations.add(where + ": Service " + s.getMetadata().getName() + " targets "
                                + sp.getTargetPort() + ", not " + port);
                    }
                }
            }
        }
        if (!found.equals(SERVICE_MODULES.keySet())) {
            violations.add(m.name + ": Quarkus service Deployments " + found + ", expected " + SERVICE_MODULES.keySet());
        }
        return violations;
    }

    private static void probe(String where, Probe probe, String path, Container c, int port, List<String> violations) {
        if (probe == null || probe.getHttpGet() == null) {
            violations.add(where + ": no HTTP probe");
            return;
        }
        if (!path.equals(probe.getHttpGet().getPath())) {
            violations.add(where + ": path " + probe.getHttpGet().getPath() + ", expected " + path);
        }
        if (resolvePort(probe.getHttpGet().getPort(), c) != port) {
            violations.add(where + ": port " + probe.getHttpGet().getPort() + ", expected " + port);
        }
    }

    /** A numeric port, or the containerPort a named port stands for (-1 if the name is unknown). */
    static int resolvePort(IntOrString port, Container c) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return c.getPorts() == null ? -1 : c.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .mapToInt(ContainerPort::getContainerPort).findFirst().orElse(-1);
    }

    /**
     * Every Quarkus service talks mutual TLS to Kafka with its own KafkaUser's certificate: SSL, its keystore password
     * from the Secret Strimzi writes for {@code gridai-<service>} (a KafkaUser of the rendering) and mounted from that
     * Secret where the keystore location points, the cluster CA likewise as the truststore.
     */
    static List<String> kafkaTls(Manifests m) {
        List<String> violations = new ArrayList<>();
        Set<String> users = new TreeSet<>();
        m.custom("KafkaUser").forEach(u -> users.add(u.getMetadata().getName()));
        for (Deployment d : m.of(Deployment.class)) {
            String name = d.getMetadata().getName();
            if (!SERVICE_MODULES.containsKey(name)) {
                continue;
            }
            String where = m.name + " " + name;
            String user = "gridai-" + name;
            if (!users.contains(user)) {
                violations.add(where + ": no KafkaUser " + user);
            }
            var pod = d.getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().get(0);
            Map<String, io.fabric8.kubernetes.api.model.EnvVar> env = new java.util.HashMap<>();
            if (c.getEnv() != null) {
                c.getEnv().forEach(e -> env.put(e.getName(), e));
            }
            Map<String, String> secretVolumes = new java.util.HashMap<>();
            if (pod.getVolumes() != null) {
                pod.getVolumes().stream().filter(v -> v.getSecret() != null)
                        .forEach(v -> secretVolumes.put(v.getName(), v.getSecret().getSecretName()));
            }
            Map<String, String> mounted = new java.util.HashMap<>(); // mount path -> secret name
            if (c.getVolumeMounts() != null) {
                c.getVolumeMounts().stream().filter(vm -> secretVolumes.containsKey(vm.getName()))
                        .forEach(vm -> mounted.put(vm.getMountPath(), secretVolumes.get(vm.getName())));
            }
            if (env.get("KAFKA_SECURITY_PROTOCOL") == null || !"SSL".equals(env.get("KAFKA_SECURITY_PROTOCOL").getValue())) {
                violations.add(where + ": KAFKA_SECURITY_PROTOCOL is not SSL");
            }
            store(where, "keystore", env, mounted, user, "user.password", violations);
            store(where, "truststore", env, mounted, "gridai-cluster-ca-cert", "ca.password", violations);
        }
        for (GenericKubernetesResource flink : m.custom("FlinkDeployment")) {
            flinkTls(m, flink, users, violations);
        }
        return violations;
    }

    /** The KafkaUser each Flink job authenticates as. */
    static final Map<String, String> FLINK_USERS = Map.of("gridai-streaming", "gridai-flink",
            "gridai-archive", "gridai-archive");

    /**
     * A Flink job's Kafka clients get the TLS settings as {@code --set kafka.client.*} job arguments: SSL, the keystore
     * and truststore where its pods mount its KafkaUser's Secret and the cluster CA, the passwords from those Secrets
     * through {@code kafka.client-env.*}.
     */
    @SuppressWarnings("unchecked")
    private static void flinkTls(Manifests m, GenericKubernetesResource flink, Set<String> users,
            List<String> violations) {
        String name = flink.getMetadata().getName();
        String where = m.name + " FlinkDeployment " + name;
        String user = FLINK_USERS.get(name);
        if (user == null || !users.contains(user)) {
            violations.add(where + ": no KafkaUser for it (" + user + ")");
            return;
        }
        Map<String, Object> spec = Manifests.spec(flink);
        Map<String, String> set = new java.util.HashMap<>();
        List<Object> args = (List<Object>) CustomResourceChecks.at(spec, "job", "args");
        for (int i = 0; args != null && i + 1 < args.size(); i++) {
            if ("--set".equals(args.get(i)) && String.valueOf(args.get(i + 1)).contains("=")) {
                String[] kv = String.valueOf(args.get(i + 1)).split("=", 2);
                set.put(kv[0], kv[1]);
            }
        }
        if (!"SSL".equals(set.get("kafka.client.security.protocol"))) {
            violations.add(where + ": no --set kafka.client.security.protocol=SSL");
        }
        Map<String, Object> pod = (Map<String, Object>) CustomResourceChecks.at(spec, "podTemplate", "spec");
        Map<String, String> secretVolumes = new java.util.HashMap<>();
        Map<String, String> mounted = new java.util.HashMap<>();
        Map<String, String> passwordSecrets = new java.util.HashMap<>(); // env name -> secret/key
        if (pod != null) {
            for (Object v : (List<Object>) pod.getOrDefault("volumes", List.of())) {
                Object secret = CustomResourceChecks.at(v, "secret", "secretName");
                if (secret != null) {
                    secretVolumes.put(String.valueOf(((Map<String, Object>) v).get("name")), String.valueOf(secret));
                }
            }
            for (Object c : (List<Object>) pod.getOrDefault("containers", List.of())) {
                for (Object vm : (List<Object>) ((Map<String, Object>) c).getOrDefault("volumeMounts", List.of())) {
                    Map<String, Object> mount = (Map<String, Object>) vm;
                    if (secretVolumes.containsKey(String.valueOf(mount.get("name")))) {
                        mounted.put(String.valueOf(mount.get("mountPath")), secretVolumes.get(String.valueOf(mount.get("name"))));
                    }
                }
                for (Object e : (List<Object>) ((Map<String, Object>) c).getOrDefault("env", List.of())) {
                    Object ref = CustomResourceChecks.at(e, "valueFrom", "secretKeyRef");
                    if (ref instanceof Map<?, ?> r) {
                        passwordSecrets.put(String.valueOf(((Map<String, Object>) e).get("name")), r.get("name") + "/" + r.get("key"));
                    }
                }
            }
        }
        for (String[] store : new String[][] {{"keystore", user, "user.password"},
                {"truststore", "gridai-cluster-ca-cert", "ca.password"}}) {
            String location = set.get("kafka.client.ssl." + store[0] + ".location");
            if (location == null || !store[1].equals(mounted.get(Path.of(location).getParent().toString()))) {
                violations.add(where + ": the " + store[0] + " " + location + " is not in Secret " + store[1]
                        + " (mounted: " + mounted + ")");
            }
            String env = set.get("kafka.client-env.ssl." + store[0] + ".password");
            if (env == null || !(store[1] + "/" + store[2]).equals(passwordSecrets.get(env))) {
                violations.add(where + ": the " + store[0] + " password is not " + store[2] + " of Secret " + store[1]);
            }
        }
    }

    private static void store(String where, String kind, Map<String, io.fabric8.kubernetes.api.model.EnvVar> env,
            Map<String, String> mounted, String secret, String passwordKey, List<String> violations) {
        String prefix = "KAFKA_SSL_" + kind.toUpperCase(java.util.Locale.ROOT) + "_";
        var location = env.get(prefix + "LOCATION");
        if (location == null || location.getValue() == null) {
            violations.add(where + ": no " + prefix + "LOCATION");
        } else {
            String dir = Path.of(location.getValue()).getParent().toString();
            if (!secret.equals(mounted.get(dir))) {
                violations.add(where + ": the " + kind + " " + location.getValue() + " is not in Secret " + secret
                        + " (mounted: " + mounted + ")");
            }
        }
        var password = env.get(prefix + "PASSWORD");
        var ref = password == null || password.getValueFrom() == null ? null : password.getValueFrom().getSecretKeyRef();
        if (ref == null || !secret.equals(ref.getName()) || !passwordKey.equals(ref.getKey())) {
            violations.add(where + ": " + prefix + "PASSWORD is not " + passwordKey + " of Secret " + secret);
        }
    }

    /** The services that publish setpoints from a control loop of their own, with no leader election. */
    static final List<String> CONTROL_LOOPS = List.of("dispatch-optimizer", "storage-manager");

    /**
     * The setpoint control loops run one instance, never two at once: one replica, the {@code Recreate} strategy (a
     * rolling update would run the old and the new pod side by side, both actuating) and no autoscaler.
     */
    static List<String> singleControlLoops(Manifests m) {
        List<String> violations = new ArrayList<>();
        for (String name : CONTROL_LOOPS) {
            var deployment = m.of(io.fabric8.kubernetes.api.model.apps.Deployment.class).stream()
                    .filter(d -> name.equals(d.getMetadata().getName())).findFirst();
            if (deployment.isEmpty()) {
                violations.add(m.name + " " + name + ": no Deployment");
                continue;
            }
            var spec = deployment.get().getSpec();
            if (spec.getReplicas() == null || spec.getReplicas() != 1) {
                violations.add(m.name + " " + name + ": " + spec.getReplicas() + " replicas; a setpoint control loop runs"
                        + " exactly one (two would both actuate)");
            }
            if (spec.getStrategy() == null || !"Recreate".equals(spec.getStrategy().getType())) {
                violations.add(m.name + " " + name + ": strategy " + (spec.getStrategy() == null ? null
                        : spec.getStrategy().getType()) + "; Recreate, so that an update never runs two at once");
            }
            for (HorizontalPodAutoscaler hpa : m.of(HorizontalPodAutoscaler.class)) {
                if (name.equals(hpa.getSpec().getScaleTargetRef().getName())) {
                    violations.add(m.name + " " + name + ": scaled by HPA " + hpa.getMetadata().getName());
                }
            }
        }
        return violations;
    }

    static List<String> servicesAndBudgets(Manifests m) {
        List<String> violations = new ArrayList<>();
        Map<String, PodTemplateSpec> templates = m.podTemplates();
        for (Service s : m.of(Service.class)) {
            var selected = templates.entrySet().stream()
                    .filter(t -> Manifests.selects(s.getSpec().getSelector(), t.getValue().getMetadata().getLabels()))
                    .toList();
            if (selected.isEmpty()) {
                violations.add(m.name + " Service " + s.getMetadata().getName() + " selects no workload");
            }
            for (var t : selected) {
                for (ServicePort sp : s.getSpec().getPorts()) {
                    IntOrString target = sp.getTargetPort() == null ? new IntOrString(sp.getPort()) : sp.getTargetPort();
                    boolean served = t.getValue().getSpec().getContainers().stream()
                            .anyMatch(c -> resolvePort(target, c) != -1
                                    && c.getPorts().stream().anyMatch(p -> p.getContainerPort() == resolvePort(target, c)));
                    if (!served) {
                        violations.add(m.name + " Service " + s.getMetadata().getName() + " targets " + target
                                + ", which " + t.getKey() + " does not expose");
                    }
                }
            }
        }
        for (PodDisruptionBudget pdb : m.of(PodDisruptionBudget.class)) {
            boolean matches = templates.values().stream()
                    .anyMatch(t -> pdb.getSpec().getSelector() != null
                            && pdb.getSpec().getSelector().getMatchLabels() != null
                            && !pdb.getSpec().getSelector().getMatchLabels().isEmpty()
                            && Manifests.selects(pdb.getSpec().getSelector(), t.getMetadata().getLabels()));
            if (!matches) {
                violations.add(m.name + " PodDisruptionBudget " + pdb.getMetadata().getName() + " selects no workload");
            }
            if ((pdb.getSpec().getMinAvailable() == null) == (pdb.getSpec().getMaxUnavailable() == null)) {
                violations.add(m.name + " PodDisruptionBudget " + pdb.getMetadata().getName()
                        + " needs exactly one of minAvailable and maxUnavailable");
            }
        }
        for (String service : SERVICE_MODULES.keySet()) {
            boolean budgeted = m.of(PodDisruptionBudget.class).stream().anyMatch(p -> Manifests.selects(
                    p.getSpec().getSelector(), templates.get(service) == null ? null
                            : templates.get(service).getMetadata().getLabels()));
            if (!budgeted) {
                violations.add(m.name + " " + service + " has no PodDisruptionBudget");
            }
        }
        Set<String> scaled = new TreeSet<>();
        for (HorizontalPodAutoscaler hpa : m.of(HorizontalPodAutoscaler.class)) {
            var ref = hpa.getSpec().getScaleTargetRef();
            scaled.add(ref.getName());
            if (!"Deployment".equals(ref.getKind()) || m.of(Deployment.class).stream()
                    .noneMatch(d -> d.getMetadata().getName().equals(ref.getName()))) {
                violations.add(m.name + " HPA " + hpa.getMetadata().getName() + " targets no Deployment");
            }
            Integer min = hpa.getSpec().getMinReplicas();
            if (min == null || min < 1 || min > hpa.getSpec().getMaxReplicas()) {
                violations.add(m.name + " HPA " + hpa.getMetadata().getName() + " bounds " + min + ".."
                        + hpa.getSpec().getMaxReplicas());
            }
        }
        if (!scaled.equals(AUTOSCALED)) {
            violations.add(m.name + ": autoscaled " + scaled + ", expected " + AUTOSCALED);
        }
        return violations;
    }

    // ---- Kafka --------------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> acls(GenericKubernetesResource user) {
        Map<String, Object> authorization = (Map<String, Object>) Manifests.spec(user).get("authorization");
        return authorization == null ? List.of() : (List<Map<String, Object>>) authorization.get("acls");
    }

    @SuppressWarnings("unchecked")
    static List<String> operations(Map<String, Object> acl) {
        List<String> ops = new ArrayList<>();
        if (acl.get("operations") != null) {
            ops.addAll((List<String>) acl.get("operations"));
        }
        if (acl.get("operation") != null) {
            ops.add((String) acl.get("operation"));
        }
        return ops;
    }

    /** Whether a topic ACL's resource covers the topic (literal name, prefix, or '*'). */
    @SuppressWarnings("unchecked")
    static boolean covers(Map<String, Object> acl, String topic) {
        Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
        if (!"topic".equals(resource.get("type"))) {
            return false;
        }
        String name = (String) resource.get("name");
        if ("*".equals(name)) {
            return true;
        }
        return "prefix".equals(resource.get("patternType")) ? topic.startsWith(name) : topic.equals(name);
    }

    @SuppressWarnings("unchecked")
    static List<String> kafkaUsers(Manifests m) {
        List<String> violations = new ArrayList<>();
        Set<String> writers = new TreeSet<>();
        for (GenericKubernetesResource user : m.custom("KafkaUser")) {
            String name = user.getMetadata().getName();
            Map<String, Object> spec = Manifests.spec(user);
            Map<String, Object> auth = spec == null ? null : (Map<String, Object>) spec.get("authentication");
            if (auth == null || !"tls".equals(auth.get("type"))) {
                violations.add(m.name + " KafkaUser " + name + ": authentication is not tls");
            }
            for (Map<String, Object> acl : acls(user)) {
                Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
                if ("topic".equals(resource.get("type"))) {
                    String topic = (String) resource.get("name");
                    boolean known = "prefix".equals(resource.get("patternType"))
                            ? topic.equals(Topics.SOURCE_INBOUND_PREFIX)
                              || Topics.all().stream().anyMatch(t -> t.name().startsWith(topic))
                            : Topics.byName(topic).isPresent();
                    if (!known) {
                        violations.add(m.name + " KafkaUser " + name + " names topic '" + topic
                                + "', which is not in grid-model's registry");
                    }
                }
                List<String> ops = operations(acl);
                if (covers(acl, Topics.GRID_SETPOINTS.name()) && (ops.contains("Write") || ops.contains("All"))) {
                    writers.add(name);
                }
            }
        }
        if (!writers.equals(SETPOINT_PUBLISHERS)) {
            violations.add(m.name + ": may write " + Topics.GRID_SETPOINTS.name() + ": " + writers
                    + ", expected exactly " + new TreeSet<>(SETPOINT_PUBLISHERS));
        }
        return violations;
    }

    // ---- NetworkPolicies ------------------------------------------------------------------------------------------

    static boolean emptySelector(io.fabric8.kubernetes.api.model.LabelSelector s) {
        return s == null || ((s.getMatchLabels() == null || s.getMatchLabels().isEmpty())
                && (s.getMatchExpressions() == null || s.getMatchExpressions().isEmpty()));
    }

    static List<String> defaultDeny(Manifests m) {
        boolean found = m.of(NetworkPolicy.class).stream().anyMatch(np -> emptySelector(np.getSpec().getPodSelector())
                && np.getSpec().getPolicyTypes() != null
                && Set.copyOf(np.getSpec().getPolicyTypes()).equals(Set.of("Ingress", "Egress"))
                && (np.getSpec().getIngress() == null || np.getSpec().getIngress().isEmpty())
                && (np.getSpec().getEgress() == null || np.getSpec().getEgress().isEmpty()));
        return found ? List.of() : List.of(m.name + ": no default-deny NetworkPolicy (empty podSelector, Ingress and "
                + "Egress, no rules)");
    }

    /**
     * A peer of the Kubernetes operators' control plane (Flink operator calling the JobManager's REST port): a pod
     * selector naming an {@code *-operator} in some namespace. Anything else with a namespaceSelector or ipBlock, or
     * a rule without {@code from}, is ingress from outside the namespace.
     */
    static boolean operatorPeer(NetworkPolicyPeer peer) {
        return peer.getNamespaceSelector() != null && peer.getPodSelector() != null
                && peer.getPodSelector().getMatchLabels() != null
                && String.valueOf(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                .endsWith("-operator");
    }

    static List<String> externalIngress(Manifests m) {
        List<String> violations = new ArrayList<>();
        Set<String> exposed = new TreeSet<>();
        Map<String, PodTemplateSpec> templates = m.podTemplates();
        for (NetworkPolicy np : m.of(NetworkPolicy.class)) {
            if (np.getSpec().getIngress() == null) {
                continue;
            }
            for (var rule : np.getSpec().getIngress()) {
                List<NetworkPolicyPeer> from = rule.getFrom() == null ? List.of() : rule.getFrom();
                boolean external = from.isEmpty() || from.stream().anyMatch(p -> !operatorPeer(p)
                        && (p.getNamespaceSelector() != null || p.getIpBlock() != null));
                if (!external) {
                    continue;
                }
                if (emptySelector(np.getSpec().getPodSelector())) {
                    violations.add(m.name + " NetworkPolicy " + np.getMetadata().getName()
                            + " opens every pod to outside the namespace");
                    continue;
                }
                List<String> selected = templates.entrySet().stream()
                        .filter(t -> Manifests.selects(np.getSpec().getPodSelector(), t.getValue().getMetadata().getLabels()))
                        .map(Map.Entry::getKey).toList();
                if (selected.isEmpty()) {
                    violations.add(m.name + " NetworkPolicy " + np.getMetadata().getName()
                            + " opens pods of no known workload to outside the namespace");
                }
                exposed.addAll(selected);
                if (rule.getPorts() == null || rule.getPorts().isEmpty()) {
                    violations.add(m.name + " NetworkPolicy " + np.getMetadata().getName()
                            + " opens every port to outside the namespace");
                }
            }
        }
        if (!exposed.equals(EXTERNAL_ENTRY_POINTS)) {
            violations.add(m.name + ": reachable from outside the namespace: " + exposed + ", expected "
                    + new TreeSet<>(EXTERNAL_ENTRY_POINTS));
        }
        return violations;
    }

    /** Whether some policy lets pods with {@code from} labels send to pods with {@code to} labels on a TCP port. */
    static boolean egressAllowed(Manifests m, Map<String, String> from, Map<String, String> to, int port) {
        return m.of(NetworkPolicy.class).stream()
                .filter(np -> Manifests.selects(np.getSpec().getPodSelector(), from))
                .filter(np -> np.getSpec().getEgress() != null)
                .flatMap(np -> np.getSpec().getEgress().stream())
                .anyMatch(rule -> portMatches(rule.getPorts(), port) && rule.getTo() != null && rule.getTo().stream()
                        .anyMatch(peer -> peer.getNamespaceSelector() == null && peer.getIpBlock() == null
                                && Manifests.selects(peer.getPodSelector(), to)));
    }

    /** Whether some policy lets pods with {@code to} labels receive from pods with {@code from} labels on a port. */
    static boolean ingressAllowed(Manifests m, Map<String, String> from, Map<String, String> to, int port) {
        return m.of(NetworkPolicy.class).stream()
                .filter(np -> Manifests.selects(np.getSpec().getPodSelector(), to))
                .filter(np -> np.getSpec().getIngress() != null)
                .flatMap(np -> np.getSpec().getIngress().stream())
                .anyMatch(rule -> portMatches(rule.getPorts(), port) && (rule.getFrom() == null
                        || rule.getFrom().isEmpty() || rule.getFrom().stream()
                        .anyMatch(peer -> peer.getNamespaceSelector() == null && peer.getIpBlock() == null
                                && Manifests.selects(peer.getPodSelector(), from))));
    }

    private static boolean portMatches(List<NetworkPolicyPort> ports, int port) {
        return ports == null || ports.isEmpty() || ports.stream().anyMatch(p -> p.getPort() != null
                && Objects.equals(p.getPort().getIntVal(), port)
                && (p.getProtocol() == null || "TCP".equals(p.getProtocol())));
    }

    static boolean dnsAllowed(Manifests m, Map<String, String> from) {
        return m.of(NetworkPolicy.class).stream()
                .filter(np -> Manifests.selects(np.getSpec().getPodSelector(), from))
                .filter(np -> np.getSpec().getEgress() != null)
                .flatMap(np -> np.getSpec().getEgress().stream())
                .anyMatch(rule -> rule.getPorts() != null && rule.getPorts().stream().anyMatch(p -> p.getPort() != null
                        && Objects.equals(p.getPort().getIntVal(), 53) && "UDP".equals(p.getProtocol())));
    }

    /** Kafka broker pods as Strimzi labels them (what the policies may select on). */
    static final Map<String, String> KAFKA_POD = Map.of("strimzi.io/cluster", "gridai", "strimzi.io/kind", "Kafka",
            "strimzi.io/broker-role", "true");

    static List<String> componentTraffic(Manifests m) {
        List<String> violations = new ArrayList<>();
        Map<String, PodTemplateSpec> templates = m.podTemplates();
        Map<String, String> hazelcast = templates.get("hazelcast").getMetadata().getLabels();
        for (String service : SERVICE_MODULES.keySet()) {
            Map<String, String> pod = templates.get(service).getMetadata().getLabels();
            if (!egressAllowed(m, pod, KAFKA_POD, 9093) || !ingressAllowed(m, pod, KAFKA_POD, 9093)) {
                violations.add(m.name + " " + service + " cannot reach Kafka on 9093");
            }
            if (!egressAllowed(m, pod, hazelcast, 5701) || !ingressAllowed(m, pod, hazelcast, 5701)) {
                violations.add(m.name + " " + service + " cannot reach Hazelcast on 5701");
            }
            if (!dnsAllowed(m, pod)) {
                violations.add(m.name + " " + service + " cannot resolve names (no DNS egress)");
            }
        }
        if (!egressAllowed(m, hazelcast, hazelcast, 5701) || !ingressAllowed(m, hazelcast, hazelcast, 5701)) {
            violations.add(m.name + " Hazelcast members cannot reach each other on 5701");
        }
        for (GenericKubernetesResource flink : m.custom("FlinkDeployment")) {
            Map<String, String> pod = new java.util.HashMap<>(flinkPodLabels(flink));
            pod.put("type", "flink-native-kubernetes");
            if (!egressAllowed(m, pod, KAFKA_POD, 9093) || !ingressAllowed(m, pod, KAFKA_POD, 9093)) {
                violations.add(m.name + " FlinkDeployment " + flink.getMetadata().getName() + " cannot reach Kafka");
            }
            if (!egressAllowed(m, pod, pod, 6123) || !ingressAllowed(m, pod, pod, 6123)) {
                violations.add(m.name + " FlinkDeployment " + flink.getMetadata().getName()
                        + ": JobManager and TaskManagers cannot talk (6123)");
            }
        }
        return violations;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> flinkPodLabels(GenericKubernetesResource flink) {
        Map<String, Object> template = (Map<String, Object>) Manifests.spec(flink).get("podTemplate");
        Map<String, Object> metadata = template == null ? null : (Map<String, Object>) template.get("metadata");
        return metadata == null || metadata.get("labels") == null ? Map.of()
                : (Map<String, String>) metadata.get("labels");
    }
}
