package io.gridai.gateway.clock;

import io.gridai.gateway.config.GatewayConfig;
import jakarta.inject.Singleton;

/**
 * The grid's "now" for what agents do (service-live's {@link io.gridai.service.live.GridClock}, as the operator API's):
 * when an approved proposal's setpoints start and end, where a history call ends by default; {@code wall} or
 * {@code telemetry} from {@code gridai.gateway.clock}. {@code GatewayApp} feeds it the event times it reads from
 * {@code telemetry.clean}. Audit events keep wall time. A {@code @Singleton}: the shared class has no constructor
 * without arguments to proxy.
 */
@Singleton
public class GridClock extends io.gridai.service.live.GridClock {

    public GridClock(GatewayConfig config) {
        super(config.clock(), "gridai.gateway.clock");
    }
}
