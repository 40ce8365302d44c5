package io.gridai.operator.clock;

import io.gridai.operator.config.OperatorConfig;
import jakarta.inject.Singleton;

/**
 * The grid's "now" for what operators do (service-live's {@link io.gridai.service.live.GridClock}): when an override
 * starts and ends, which setpoints are current, where a history request ends by default; {@code wall} or
 * {@code telemetry} from {@code gridai.operator.clock}. {@code Streams} feeds it the event times it reads from
 * {@code telemetry.clean}. Audit events keep wall time (when a person acted). A {@code @Singleton}: the shared class
 * has no constructor without arguments to proxy.
 */
@Singleton
public class GridClock extends io.gridai.service.live.GridClock {

    public GridClock(OperatorConfig config) {
        super(config.clock(), "gridai.operator.clock");
    }
}
