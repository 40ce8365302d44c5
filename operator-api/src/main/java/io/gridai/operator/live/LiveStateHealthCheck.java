package io.gridai.operator.live;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * UP while the live-state client is connected to a member of the Flink job's Hazelcast cluster. A wellness check
 * ({@code /q/health}, {@code /q/health/well}), not readiness: the rest of the API serves without the live state, and
 * its endpoints answer 503 meanwhile.
 */
@Wellness
@ApplicationScoped
public class LiveStateHealthCheck implements HealthCheck {

    private final LiveValues live;

    public LiveStateHealthCheck(LiveValues live) {
        this.live = live;
    }

    @Override
    public HealthCheckResponse call() {
        LiveStateConfig c = live.config();
        return HealthCheckResponse.named("Hazelcast live state").status(live.connected())
                .withData("cluster", c.clusterName()).withData("addresses", String.join(",", c.addresses()))
                .withData("map", c.map()).build();
    }
}
