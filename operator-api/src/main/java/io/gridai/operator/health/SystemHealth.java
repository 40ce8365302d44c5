package io.gridai.operator.health;

import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.operator.proposals.Proposals;
import io.gridai.operator.service.OperatorApp;
import io.gridai.operator.setpoints.Setpoints;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The platform's health as the operators see it: Kafka reachable (the cluster described within the timeout), this
 * service ready (audit chain read, its consumers assigned), each configured service's readiness URL (asked in
 * parallel), and how fresh the key topics are: the newest record's timestamp per topic, from the brokers' offset
 * index ({@code ListOffsets} with the max-timestamp spec), without reading records. A report is kept for
 * {@code cache-for}, so a console polling it costs the platform one round of checks per period whatever the clients.
 */
@ApplicationScoped
public class SystemHealth {

    /** UP: all well; DEGRADED: Kafka is up but something else is not; DOWN: Kafka is unreachable. */
    public enum Status { UP, DEGRADED, DOWN }

    /** One check: its name, UP or DOWN, and what it found. */
    public record Check(String name, String status, String detail) {
    }

    /** A topic and the timestamp of its newest record ({@code null} when empty or unknown). */
    public record TopicFreshness(String topic, Instant lastRecordAt) {
    }

    /** The report. */
    public record Report(Status status, List<Check> checks, List<TopicFreshness> topics, String clock,
            java.time.Instant gridTime) {
    }

    /** The topics whose freshness the report shows. */
    public static final List<Topic<?, ?>> KEY_TOPICS = List.of(Topics.TELEMETRY_CLEAN, Topics.GRID_ZONE_LOAD,
            Topics.GRID_FORECASTS, Topics.GRID_SETPOINTS, Topics.GRID_ALERTS);

    private static final Logger LOG = Logger.getLogger(SystemHealth.class);
    private static final String UP = "UP";
    private static final String DOWN = "DOWN";

    private final HealthConfig config;
    private final Map<String, Object> kafka;
    private final OperatorApp app;
    private final Proposals proposals;
    private final Setpoints setpoints;
    private final HttpClient http;
    private Admin admin;
    private Report cached;
    private long cachedAt;

    private final io.gridai.operator.clock.GridClock clock;

    public SystemHealth(HealthConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            OperatorApp app, Proposals proposals, Setpoints setpoints, io.gridai.operator.clock.GridClock clock) {
        this.config = config;
        this.clock = clock;
        this.kafka = kafka;
        this.app = app;
        this.proposals = proposals;
        this.setpoints = setpoints;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    /** The latest report, computed anew when the cached one is older than {@code cache-for}. */
    public synchronized Report report() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAt >= config.cacheFor().toNanos()) {
            cached = compute();
            cachedAt = System.nanoTime();
        }
        return cached;
    }

    private Report compute() {
        Map<String, CompletableFuture<Check>> services = new TreeMap<>();
        config.services().forEach((name, url) -> services.put(name, ask(name, url)));
        List<Check> checks = new ArrayList<>();
        Check kafkaCheck = kafka();
        checks.add(kafkaCheck);
        checks.add(self());
        List<TopicFreshness> topics = kafkaCheck.status().equals(UP) ? freshness() : unknownFreshness();
        for (Map.Entry<String, CompletableFuture<Check>> s : services.entrySet()) {
            checks.add(s.getValue().join());
        }
        Status status = !kafkaCheck.status().equals(UP) ? Status.DOWN
                : checks.stream().allMatch(c -> c.status().equals(UP)) ? Status.UP : Status.DEGRADED;
        LOG.debugf("system health status=%s checks=%d", status, checks.size());
        return new Report(status, List.copyOf(checks), topics, clock.source().name().toLowerCase(java.util.Locale.ROOT),
                clock.now().orElse(null));
    }

    private Check kafka() {
        try {
            var cluster = admin().describeCluster();
            int brokers = cluster.nodes().get(timeoutMs(), TimeUnit.MILLISECONDS).size();
            String id = cluster.clusterId().get(timeoutMs(), TimeUnit.MILLISECONDS);
            return new Check("kafka", UP, brokers + " broker(s) in cluster " + id);
        } catch (ExecutionException e) {
            return new Check("kafka", DOWN, "Kafka at " + bootstrap() + " cannot be described: "
                    + e.getCause().getMessage());
        } catch (TimeoutException e) {
            return new Check("kafka", DOWN, "Kafka at " + bootstrap() + " did not answer within " + config.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check("kafka", DOWN, "interrupted");
        } catch (KafkaException e) {
            return new Check("kafka", DOWN, "no Kafka client for " + bootstrap() + ": " + e.getMessage());
        }
    }

    private Check self() {
        List<String> missing = new ArrayList<>();
        if (!app.auditLoaded()) {
            missing.add("audit chain " + app.auditChain() + " not yet read");
        }
        if (!app.alertsAssigned()) {
            missing.add("alerts consumer not assigned");
        }
        if (!proposals.ready()) {
            missing.add("proposals not yet read or approvals not yet restored");
        }
        if (!setpoints.ready()) {
            missing.add("setpoints consumer not assigned");
        }
        return missing.isEmpty()
                ? new Check("operator-api", UP, "audit chain " + app.auditChain() + " read, consumers assigned")
                : new Check("operator-api", DOWN, String.join("; ", missing));
    }

    private CompletableFuture<Check> ask(String name, URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(config.timeout()).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> r.statusCode() == 200
                        ? new Check(name, UP, url + " answered 200")
                        : new Check(name, DOWN, url + " answered " + r.statusCode() + ": " + abbreviate(r.body())))
                .completeOnTimeout(new Check(name, DOWN, url + " did not answer within " + config.timeout()),
                        config.timeout().toMillis() + 500, TimeUnit.MILLISECONDS)
                .exceptionally(e -> new Check(name, DOWN, url + " unreachable: " + message(e)));
    }

    private List<TopicFreshness> freshness() {
        List<String> names = KEY_TOPICS.stream().map(Topic::name).toList();
        try {
            Map<String, TopicDescription> described = admin().describeTopics(names).allTopicNames()
                    .get(timeoutMs(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            described.values().forEach(d -> d.partitions().forEach(
                    p -> specs.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.maxTimestamp())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin().listOffsets(specs).all()
                    .get(timeoutMs(), TimeUnit.MILLISECONDS);
            Map<String, Long> newest = new LinkedHashMap<>();
            names.forEach(n -> newest.put(n, -1L));
            offsets.forEach((tp, info) -> newest.merge(tp.topic(), info.timestamp(), Math::max));
            List<TopicFreshness> out = new ArrayList<>();
            newest.forEach((topic, ts) -> out.add(new TopicFreshness(topic, ts < 0 ? null : Instant.ofEpochMilli(ts))));
            return out;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.warnf("topic freshness unknown: %s", message(e));
            return unknownFreshness();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknownFreshness();
        }
    }

    private static List<TopicFreshness> unknownFreshness() {
        return KEY_TOPICS.stream().map(t -> new TopicFreshness(t.name(), null)).toList();
    }

    private Admin admin() {
        if (admin == null) {
            Properties p = new Properties();
            kafka.forEach((k, v) -> {
                if (AdminClientConfig.configNames().contains(k)) {
                    p.put(k, v);
                }
            });
            String ms = Long.toString(timeoutMs());
            p.put(AdminClientConfig.CLIENT_ID_CONFIG, "gridai-operator-health");
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
            admin = Admin.create(p);
        }
        return admin;
    }

    private long timeoutMs() {
        return config.timeout().toMillis();
    }

    private Object bootstrap() {
        return kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String abbreviate(String s) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ").strip();
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
