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

    private final Duration timeout;

    public HealthProbe(Duration timeout) {
        this.timeout = timeout;
    }

    public ComponentStatus check(ComponentRecord component) {
        if (component.pid() != null && ProcessHandle.of(component.pid()).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
            return new ComponentStatus(component.name(), Health.DOWN, component.urls(), component.pid(),
                    "process " + component.pid() + " is not running");
        }
        return switch (component.kind()) {
            case "kafka" -> kafka(component);
            case "process" -> new ComponentStatus(component.name(), Health.UP, component.urls(), component.pid(), "running");
            default -> new ComponentStatus(component.name(), Health.DOWN, component.urls(), component.pid(),
                    "unknown component kind '" + component.kind() + "' (run file from another GridAI version?)");
        };
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
