package io.gridai.operator.replay;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Replays of the archive into a sandbox started through {@code /api/v1/replays}: each is the replay module's
 * {@code io.gridai.replay.ReplayMain} in its own JVM (Flink and the forecast models stay out of this service). The
 * launcher ({@code ./gridai up}) sets these from its data folder; without {@link #classPath()} replays answer 503.
 * Per sandbox {@code NAME}: work {@code DIR/NAME/work}, report {@code DIR/NAME/report}, temporary files
 * {@code DIR/NAME/tmp}; control file {@code RUN/replay-NAME.control} (the one {@code gridai replay pause} writes),
 * status file {@code RUN/replay-NAME.status.json}; logs {@code LOGS/replay-NAME.log} (the replay's log) and
 * {@code LOGS/replay-NAME.out} (its progress and summary).
 */
@ConfigMapping(prefix = "gridai.operator.replay")
public interface ReplayConfig {

    /** The replay module's class path ({@code replay/target/replay-*.jar:replay/target/lib/*}); unset: no replays. */
    Optional<String> classPath();

    /** The java binary (default: this service's {@code java.home}/bin/java). */
    Optional<String> java();

    /** The replay JVM's options before the fixed ones (headless, the add-opens Flink needs). */
    @WithDefault("-Xmx1g")
    List<String> jvmOptions();

    /** A log4j2 configuration for the replay JVM ({@code -Dlog4j2.configurationFile}); unset: the class path's. */
    Optional<Path> logConfig();

    /** Kafka for the sandbox's topics (default: this service's {@code kafka.bootstrap.servers}). */
    Optional<String> bootstrap();

    /** The archive root the replays read. */
    Optional<Path> archive();

    /** The model registry of the model under test. */
    Optional<Path> models();

    /** The production model registry for the report (passed when it is a folder). */
    Optional<Path> productionModels();

    /** Per-sandbox work, report and temporary folders. */
    @WithDefault("replay")
    Path dir();

    /** Control and status files (default: {@link #dir()}). */
    Optional<Path> runDir();

    /** Log files (default: {@link #dir()}). */
    Optional<Path> logsDir();

    /** The replay's longest wait for Kafka and for its sandbox jobs ({@code --timeout}). */
    @WithDefault("PT10M")
    Duration timeout();

    /** How long a stopped replay may take to end before this service, shutting down, kills it. */
    @WithDefault("PT30S")
    Duration stopGrace();
}
