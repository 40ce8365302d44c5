package io.gridai.gateway.live;

import io.gridai.gateway.config.GatewayConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The grid the platform runs (service-live's {@link io.gridai.service.live.GridCase}, as the operator API's), read
 * once at start from {@code gridai.gateway.grid.*} (the dispatch optimiser's {@code gridai.dispatch.grid.*} formats).
 * Empty when no case file is configured (proposals and studies are then refused); a configured file that cannot be
 * read stops the service at start, naming the key. A {@code @Singleton}: the shared class has no constructor without
 * arguments to proxy.
 */
@Startup
@Singleton
public class GridCase extends io.gridai.service.live.GridCase {

    static final String PREFIX = "gridai.gateway.grid";
    public static final String CASE_KEY = caseKey(PREFIX);

    @Inject
    public GridCase(GatewayConfig gateway) {
        this(settings(gateway.grid()));
    }

    private GridCase(Settings settings) {
        super(settings, loadOrStop(settings));
    }

    private static Settings settings(GatewayConfig.Grid c) {
        return new Settings(c.caseFile(), c.generatorNames(), c.batteries(), c.defaultRampPerMinute(), c.zoneTemplate(),
                PREFIX, "proposals and studies are refused");
    }

    private static Optional<Loaded> loadOrStop(Settings settings) {
        try {
            return load(settings);
        } catch (UnusableCaseException e) {
            throw new ConfigurationException(e.getMessage(), e.getCause());
        }
    }

    /** Why there is no case, for refusals. */
    public static String notConfigured() {
        return notConfigured(PREFIX);
    }
}
