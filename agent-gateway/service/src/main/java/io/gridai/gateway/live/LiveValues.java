package io.gridai.gateway.live;

import io.gridai.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The live state (service-live's {@link io.gridai.service.live.LiveValues}, as the operator API's): the latest clean
 * measurement per asset and kind from the Flink job's Hazelcast IMap, as a client of the cluster
 * {@code gridai.gateway.live-state.*} names, started asynchronously and reconnecting in the background. While it is
 * not connected every read throws {@link LiveStateUnavailableException}. A {@code @Singleton}: the shared class has no
 * constructor without arguments to proxy.
 */
@Startup
@Singleton
public class LiveValues extends io.gridai.service.live.LiveValues {

    private final GatewayConfig.LiveState config;

    public LiveValues(GatewayConfig gateway) {
        super(settings(gateway.liveState()));
        this.config = gateway.liveState();
    }

    private static Settings settings(GatewayConfig.LiveState c) {
        return new Settings(c.addresses(), c.clusterName(), c.map(), c.timeout(), c.reconnectMaxBackoff(),
                "gridai-agent-gateway", "gridai.gateway.live-state");
    }

    public GatewayConfig.LiveState config() {
        return config;
    }

    @Override
    protected LiveStateUnavailableException unavailable(String message) {
        return new LiveStateUnavailableException(message);
    }

    void stop(@Observes ShutdownEvent event) {
        close();
    }
}
