package io.gridai.operator.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where the dispatch optimiser's solve records are ({@code gridai.operator.dispatch.*}); see the module README. */
@ConfigMapping(prefix = "gridai.operator.dispatch")
public interface DispatchConfig {

    /**
     * The dispatch optimiser service's base URL (its {@code /dispatch/solves} are served from there); set it empty to
     * run without one (the solves endpoints then answer 503).
     */
    @WithDefault("http://127.0.0.1:8083")
    Optional<URI> url();

    /** Connecting to it and its answer, together. */
    @WithDefault("PT5S")
    Duration timeout();
}
