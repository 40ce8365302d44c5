package io.gridai.operator.service;

import io.gridai.model.topic.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the audit chain is read to its end and the alerts consumer has its partitions. */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private final OperatorApp app;

    public KafkaReadinessCheck(OperatorApp app) {
        this.app = app;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Kafka inputs of operator-api").status(app.ready())
                .withData("auditChain", app.auditChain()).withData("auditLoaded", app.auditLoaded())
                .withData("alertsTopic", Topics.GRID_ALERTS.name()).withData("alertsAssigned", app.alertsAssigned())
                .build();
    }
}
