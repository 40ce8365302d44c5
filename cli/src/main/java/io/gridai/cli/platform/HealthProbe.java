package io.gridai.cli.platform;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import io.gridai.kafka.TopicProvisioner;
import io.gridai.model.topic.Topics;

/** Asks each recorded component whether it is healthy, within a time budget. */
public final class HealthProbe {

    /** Component kind (and endpoint key) of a process that proves it works by rewriting a heartbeat file. */
    public static final String HEARTBEAT = "heartbeat";
    /** Component kind (and endpoint key) of a service with an HTTP readiness endpoint that answers 200 when ready. */
    public static final String HTTP = "http";
    /** A heartbeat older than this (wall time) means the component is stuck. */
    public static final Duration HEARTBEAT_STALE_AFTER = Duration.ofSeconds(15);

    private final Duration timeout;

    public HealthProbe(Duration timeout) {
        this.timeout = timeout;
    }

    public ComponentStatus check(ComponentRecord component) {
        return probe(component).withEndpointsOf(component);
    }

    private ComponentStatus probe(ComponentRecord component) {
        if (component.pid() != null && !ProcessHandle.of(component.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            return new ComponentStatus(component.name(), Health.DOWN, component.urls(), component.pid(),
                    "process " + component.pid() + " is not running");
        }
        return switch (component.kind()) {
            case "kafka" -> kafka(component);
            case "process" -> new ComponentStatus(component.name(), Health.UP, component.urls(), component.pid(), "running");
            case HEARTBEAT -> heartbeat(component);
            case HTTP -> http(component);
            default -> new ComponentStatus(component.name(), Health.DOWN, component.urls(), component.pid(),
                    "unknown component kind '" + component.kind() + "' (run file from another GridAI version?)");
        };
    }

    private static ComponentStatus heartbeat(ComponentRecord component) {
        java.nio.file.Path file = java.nio.file.Path.of(component.endpoints().get(HEARTBEAT));
        Properties beat = new Properties();
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            beat.load(in);
        } catch (java.io.IOException e) {
            return new ComponentStatus(component.name(), Health.DOWN, component.urls(), component.pid(),
                    "no heartbeat (" + file + "): " + e.getMessage());
        }
        long ageMs = System.currentTimeMillis() - Long.parseLong(beat.getProperty("wallEpochMs", "0"));
        if (beat.getProperty("job") != null) { // a Flink job: its status
            String status = beat.getProperty("status", "?");
            if (ageMs > HEARTBEAT_STALE_AFTER.toMillis()) {
                return new ComponentStatus(component.name(), Health.DOWN, component.urls(), component.pid(),
                        "no heartbeat for " + ageMs / 1000 + " s (stuck?); last: job " + status);
            }
            return new ComponentStatus(component.name(), "RUNNING".equals(status) ? Health.UP : Health.DEGRADED,
                    component.urls(), component.pid(), "job " + beat.getProperty("job") + " " + status);
        }
        String summary = "grid time " + beat.getProperty("gridTime") + ", " + beat.getProperty("ticks") + " ticks, "
                + beat.getProperty("measurements") + " measurements, " + beat.getProperty("nonConverged")
                + " non-converged, " + beat.getProperty("setpoints") + " setpoints";
        if (ageMs > HEARTBEAT_STALE_AFTER.toMillis()) {
            return new ComponentStatus(component.name(), Health.DOWN, component.urls(), component.pid(),
                    "no tick for " + ageMs / 1000 + " s (stuck?); last: " + summary);
        }
        Health health = Boolean.parseBoolean(beat.getProperty("lastConverged", "true")) ? Health.UP : Health.DEGRADED;
        return new ComponentStatus(component.name(), health, component.urls(), component.pid(),
                (health == Health.UP ? "" : "last power flow did not converge; ") + summary);
    }

    private ComponentStatus http(ComponentRecord component) {
        String url = component.endpoints().get(HTTP);
        try {
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newBuilder().connectTimeout(timeout)
                    .build().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(timeout)
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return new ComponentStatus(component.name(), Health.UP, component.urls(), component.pid(), "ready");
            }
            String body = answer.body().replaceAll("\\s+", " ");
            return new ComponentStatus(component.name(), Health.DOWN, component.urls(), component.pid(),
                    "not ready (" + answer.statusCode() + " from " + url + "): "
                            + body.substring(0, Math.min(300, body.length())));
        } catch (java.io.IOException e) {
            return new ComponentStatus(component.name(), Health.DOWN, component.urls(), component.pid(),
                    "no answer from " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ComponentStatus(component.name(), Health.DOWN, component.urls(), component.pid(), "interrupted");
        }
    }

    private ComponentStatus kafka(ComponentRecord component) {
        String bootstrap = component.endpoints().get("bootstrap.servers");
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        int ms = (int) timeout.toMillis();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(ms));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ms));
        props.put(org.apache.kafka.clients.CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, String.valueOf(ms));
        try (Admin admin = Admin.create(props)) {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms)).nodes()
                    .get(ms, TimeUnit.MILLISECONDS).size();
            Set<String> missing = new TopicProvisioner(admin, (short) 1, timeout).missing(Topics.all());
            if (!missing.isEmpty()) {
                return new ComponentStatus(component.name(), Health.DEGRADED, component.urls(), component.pid(),
                        "broker answers but topics are missing: " + String.join(", ", missing));
            }
            return new ComponentStatus(component.name(), Health.UP, component.urls(), component.pid(),
                    nodes + " node(s), " + Topics.all().size() + " registry topics present");
        } catch (ExecutionException | TimeoutException | io.gridai.kafka.KafkaBrokerException e) {
            return new ComponentStatus(component.name(), Health.DOWN, component.urls(), component.pid(),
                    "broker at " + bootstrap + " did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ComponentStatus(component.name(), Health.DOWN, component.urls(), component.pid(), "interrupted");
        }
    }
}
