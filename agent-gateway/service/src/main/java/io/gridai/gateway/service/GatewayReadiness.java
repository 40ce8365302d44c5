package io.gridai.gateway.service;

import io.gridai.gateway.clock.GridClock;
import io.gridai.gateway.live.LiveValues;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the audit chain is loaded and the inputs are followed; live state and clock reported, not required. */
@Readiness
@ApplicationScoped
public class GatewayReadiness implements HealthCheck {

    private final GatewayApp app;
    private final LiveValues live;
    private final GridClock clock;

    public GatewayReadiness(GatewayApp app, LiveValues live, GridClock clock) {
        this.app = app;
        this.live = live;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("agent-gateway").status(app.ready())
                .withData("auditChain", app.audit().chain())
                .withData("auditLoaded", app.audit().loaded())
                .withData("liveState", live.connected())
                .withData("clock", clock.source().name().toLowerCase(java.util.Locale.ROOT))
                .withData("gridTime", clock.now().map(Object::toString).orElse("unknown"))
                .build();
    }
}
