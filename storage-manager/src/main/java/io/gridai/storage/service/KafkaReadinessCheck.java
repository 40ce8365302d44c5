package io.gridai.storage.service;

import io.gridai.model.topic.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the input consumer has the live-state, schedule and setpoint partitions (the topics exist, the broker answers). */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private final StorageApp app;

    public KafkaReadinessCheck(StorageApp app) {
        this.app = app;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Kafka inputs of storage-manager").status(app.assigned())
                .withData("topics", app.liveTopicInUse().name() + "," + Topics.GRID_STORAGE_SCHEDULES.name() + ","
                        + Topics.GRID_SETPOINTS.name())
                .withData("batteries", app.fleet().size()).build();
    }
}
