package io.gridai.dispatch.service.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.gridai.dispatch.service.runtime.DispatchApp;
import io.gridai.model.topic.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ready when the broker answers with the topics the service reads and writes, and the input consumer has its
 * partitions.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Admin admin;
    private final DispatchApp app;

    public KafkaReadinessCheck(@Identifier("default-kafka-broker") Map<String, Object> kafka, DispatchApp app) {
        this.app = app;
        Map<String, Object> props = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "gridai-dispatch-health");
        this.admin = Admin.create(props);
    }

    @Override
    public HealthCheckResponse call() {
        if (!app.started()) {
            return HealthCheckResponse.named("Kafka topics of dispatch-optimizer").down()
                    .withData("reason", "the service did not start; see its log").build();
        }
        List<String> topics = List.of(Topics.GRID_FORECASTS.name(), app.liveTopic().name(), Topics.GRID_SETPOINTS.name(), Topics.GRID_STORAGE_SCHEDULES.name(),
                Topics.GRID_AUDIT.name());
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka topics of dispatch-optimizer").withData("topics",
                topics.toString());
        try {
            admin.describeTopics(topics).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            String reason = e.getCause() instanceof UnknownTopicOrPartitionException
                    ? "a topic is missing; create the registry's topics (TopicProvisioner, or ./gridai up)"
                    : "the broker did not describe the topics: " + e.getCause().getMessage();
            return response.down().withData("reason", reason).build();
        } catch (TimeoutException e) {
            return response.down().withData("reason", "the broker did not answer within " + TIMEOUT
                    + "; check kafka.bootstrap.servers and that Kafka runs").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("reason", "interrupted").build();
        }
        if (!app.inputsAssigned()) {
            return response.down().withData("reason", "the input consumer has not got its partitions yet").build();
        }
        return response.up().build();
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ZERO);
    }
}
