package io.gridai.operator.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The system health endpoint ({@code gridai.operator.health.*}); every key is in the module README. */
@ConfigMapping(prefix = "gridai.operator.health")
public interface HealthConfig {

    /**
     * The services whose health the endpoint reports, by name: the URL of each one's readiness
     * ({@code gridai.operator.health.services."dispatch-optimizer"=http://127.0.0.1:8083/q/health/ready}).
     */
    Map<String, URI> services();

    /** How long each check (Kafka, a service) may take; the services are asked in parallel. */
    @WithDefault("PT2S")
    Duration timeout();

    /** How long one report is answered again before the checks run anew, so that polling stays cheap. */
    @WithDefault("PT2S")
    Duration cacheFor();
}
