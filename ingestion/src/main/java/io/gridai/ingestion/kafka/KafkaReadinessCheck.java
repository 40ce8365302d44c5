package io.gridai.ingestion.kafka;

import io.gridai.ingestion.config.IngestionConfig;
import io.gridai.model.topic.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
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

/**
 * Ready when the broker answers within {@code gridai.ingestion.kafka.health-timeout} and has the two topics
 * this service writes to (the broker never creates topics itself, so a missing one would fail every batch).
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    static final String NAME = "Kafka topics of ingestion";

    private final Admin admin;
    private final Duration timeout;
    private final List<String> topics = List.of(Topics.TELEMETRY_RAW.name(), Topics.TELEMETRY_DEAD_LETTER.name());

    public KafkaReadinessCheck(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            IngestionConfig config) {
        this.timeout = config.kafka().healthTimeout();
        Map<String, Object> props = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        int timeoutMs = (int) Math.max(1, timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "gridai-ingestion-health");
        this.admin = Admin.create(props);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).withData("topics", topics.toString());
        try {
            admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return response.up().build();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return response.down().withData("reason", "a topic is missing; create the registry's topics"
                        + " (TopicProvisioner, or ./gridai up)").build();
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                return notAnswering(response);
            }
            return response.down().withData("reason", "the broker did not describe the topics: "
                    + e.getCause().getMessage()).build();
        } catch (TimeoutException e) {
            return notAnswering(response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("reason", "interrupted").build();
        }
    }

    private HealthCheckResponse notAnswering(HealthCheckResponseBuilder response) {
        return response.down().withData("reason", "the broker did not answer within " + timeout
                + "; check kafka.bootstrap.servers and that Kafka runs").build();
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ZERO);
    }
}
