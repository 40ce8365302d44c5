package io.gridai.operator.live;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The grid the platform runs (service-live's {@link io.gridai.service.live.GridCase}), read once at start from
 * {@code gridai.operator.grid.*} (the dispatch optimiser's {@code gridai.dispatch.grid.*} formats). Empty when no case
 * file is configured; a configured file that cannot be read stops the service at start, naming the key. A
 * {@code @Singleton}: the shared class has no constructor without arguments to proxy.
 */
@Startup
@Singleton
public class GridCase extends io.gridai.service.live.GridCase {

    static final String PREFIX = "gridai.operator.grid";
    public static final String CASE_KEY = caseKey(PREFIX);

    @Inject
    public GridCase(GridConfig config) {
        this(new Settings(config.caseFile(), config.generatorNames(), config.batteries(), config.defaultRampPerMinute(),
                config.zoneTemplate(), PREFIX, "the network view and setpoint overrides are unavailable"));
    }

    private GridCase(Settings settings) {
        super(settings, loadOrStop(settings));
    }

    private static Optional<Loaded> loadOrStop(Settings settings) {
        try {
            return load(settings);
        } catch (UnusableCaseException e) {
            throw new ConfigurationException(e.getMessage(), e.getCause());
        }
    }

    /** Why there is no case, for problems. */
    public static String notConfigured() {
        return notConfigured(PREFIX);
    }
}
