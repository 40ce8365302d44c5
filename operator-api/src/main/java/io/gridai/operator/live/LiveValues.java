package io.gridai.operator.live;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The live state (service-live's {@link io.gridai.service.live.LiveValues}): the latest clean measurement per asset
 * and kind from the Flink job's Hazelcast IMap, as a client of the cluster {@code gridai.operator.live-state.*} names,
 * started asynchronously and reconnecting in the background. While it is not connected every read throws
 * {@link LiveStateUnavailableException} (the endpoints answer 503). A {@code @Singleton}: the shared class has no
 * constructor without arguments to proxy.
 */
@Startup
@Singleton
public class LiveValues extends io.gridai.service.live.LiveValues {

    private final LiveStateConfig config;

    public LiveValues(LiveStateConfig config) {
        super(new Settings(config.addresses(), config.clusterName(), config.map(), config.timeout(),
                config.reconnectMaxBackoff(), "gridai-operator-api", "gridai.operator.live-state"));
        this.config = config;
    }

    public LiveStateConfig config() {
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
