package io.gridai.flink.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Everything the jobs can be told, read from a properties file ({@code --config FILE}) and {@code --set key=value}
 * overrides; every key has a default (see the module README's table). Defaults suit {@code gridai up}; tests shrink
 * the durations.
 *
 * @param parallelism           {@code parallelism} [2]
 * @param checkpointInterval    {@code checkpoint.interval} [PT10S]: also how often the exactly-once sinks commit,
 *                              so the delay before read_committed consumers see output
 * @param checkpointDir         {@code checkpoint.dir} [none: in the job manager's memory]: a {@code file://} or
 *                              object-store URI for checkpoints and savepoints
 * @param windows               {@code windows} [PT1S,PT1M,PT15M]: tumbling windows of the aggregates
 * @param zoneLoadWindows       {@code zone-load.windows} [PT5M,PT1H]: windows of the zone load totals
 * @param transactionTimeout    {@code kafka.transaction.timeout} [PT5M]: must stay below the broker's
 *                              {@code transaction.max.timeout.ms} (15 min by default) or the job restarts forever
 * @param transactionalIdPrefix {@code kafka.transactional-id-prefix} [gridai-flink]: unique per job deployment
 * @param consumerGroup         {@code kafka.group-id} [gridai-flink]
 * @param alertsExactlyOnce     {@code kafka.alerts.delivery} [exactly-once]: {@code at-least-once} makes alerts
 *                              visible at once instead of at the next checkpoint; alert ids are deterministic, so
 *                              consumers drop the rare replayed duplicate by id
 * @param bufferTimeout         {@code latency.buffer-timeout} [PT0.01S]: longest time a record waits in a network
 *                              buffer between operators (Flink's default is 100 ms; alerts cross two shuffles)
 * @param liveStateMap          {@code live-state.map} [gridai-live]: the Hazelcast IMap of latest values
 * @param liveStateFlushInterval {@code live-state.flush-interval} [PT0.1S]: at most this long between two batched
 *                              writes to the IMap
 * @param cleaning              cleaning keys ({@link CleaningSettings})
 * @param alerts                limit keys ({@link AlertLimits})
 * @param topology              {@code topology.*} ({@link AssetTopology})
 * @param stages                {@code stages} [clean,aggregates,zone-load,alerts,live-state]: the parts of the job
 *                              that run ({@link Stage}); {@code clean} is required
 * @param kafkaClient           {@code kafka.client.*} / {@code kafka.client-env.*} [none]: properties for every Kafka
 *                              client of the jobs, e.g. TLS ({@link KafkaClientSettings})
 */
public record JobSettings(
        int parallelism,
        Duration checkpointInterval,
        Optional<String> checkpointDir,
        List<Duration> windows,
        List<Duration> zoneLoadWindows,
        Duration transactionTimeout,
        String transactionalIdPrefix,
        String consumerGroup,
        boolean alertsExactlyOnce,
        Duration bufferTimeout,
        String liveStateMap,
        Duration liveStateFlushInterval,
        CleaningSettings cleaning,
        AlertLimits alerts,
        AssetTopology topology,
        Set<Stage> stages,
        KafkaClientSettings kafkaClient) implements Serializable {

    public static final int DEFAULT_PARALLELISM = 2;
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    public static final List<Duration> DEFAULT_WINDOWS =
            List.of(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(15));
    public static final List<Duration> DEFAULT_ZONE_LOAD_WINDOWS = List.of(Duration.ofMinutes(5), Duration.ofHours(1));
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(5);

    public JobSettings {
        if (checkpointInterval.compareTo(transactionTimeout) >= 0) {
            throw new SettingsException("checkpoint.interval (" + checkpointInterval + ") must be shorter than"
                    + " kafka.transaction.timeout (" + transactionTimeout + "): a transaction stays open from one"
                    + " checkpoint to the next");
        }
        windows = List.copyOf(windows);
        zoneLoadWindows = List.copyOf(zoneLoadWindows);
        if (!stages.contains(Stage.CLEAN)) {
            throw new SettingsException("stages=" + stages + " lacks clean; every other stage reads the cleaned"
                    + " readings, so give clean plus the stages wanted");
        }
        stages = Set.copyOf(stages);
        java.util.Objects.requireNonNull(kafkaClient, "kafkaClient");
    }

    /** The same settings checkpointing to {@code dir}. */
    public JobSettings withCheckpointDir(String dir) {
        return new JobSettings(parallelism, checkpointInterval, Optional.of(dir), windows, zoneLoadWindows,
                transactionTimeout, transactionalIdPrefix, consumerGroup, alertsExactlyOnce, bufferTimeout,
                liveStateMap, liveStateFlushInterval, cleaning, alerts, topology, stages, kafkaClient);
    }

    /** Settings with every stage on (the constructor of the settings before {@code stages} existed). */
    public JobSettings(int parallelism, Duration checkpointInterval, Optional<String> checkpointDir,
            List<Duration> windows, List<Duration> zoneLoadWindows, Duration transactionTimeout,
            String transactionalIdPrefix, String consumerGroup, boolean alertsExactlyOnce, Duration bufferTimeout,
            String liveStateMap, Duration liveStateFlushInterval, CleaningSettings cleaning, AlertLimits alerts,
            AssetTopology topology) {
        this(parallelism, checkpointInterval, checkpointDir, windows, zoneLoadWindows, transactionTimeout,
                transactionalIdPrefix, consumerGroup, alertsExactlyOnce, bufferTimeout, liveStateMap,
                liveStateFlushInterval, cleaning, alerts, topology, Stage.all(), KafkaClientSettings.none());
    }

    /** True when {@code stage} runs. */
    public boolean runs(Stage stage) {
        return stages.contains(stage);
    }

    /** Every default. */
    public static JobSettings defaults() {
        return from(new Properties());
    }

    /** Settings from {@code properties}, defaults for absent keys. */
    public static JobSettings from(Properties properties) {
        PropertyReader p = new PropertyReader(properties);
        return new JobSettings(
                p.integer("parallelism", DEFAULT_PARALLELISM, 1),
                p.positiveDuration("checkpoint.interval", DEFAULT_CHECKPOINT_INTERVAL),
                p.text("checkpoint.dir"),
                p.durations("windows", DEFAULT_WINDOWS),
                p.durations("zone-load.windows", DEFAULT_ZONE_LOAD_WINDOWS),
                p.positiveDuration("kafka.transaction.timeout", DEFAULT_TRANSACTION_TIMEOUT),
                p.text("kafka.transactional-id-prefix", "gridai-flink"),
                p.text("kafka.group-id", "gridai-flink"),
                alertsDelivery(p.text("kafka.alerts.delivery", "exactly-once")),
                p.duration("latency.buffer-timeout", Duration.ofMillis(10)),
                p.text("live-state.map", "gridai-live"),
                p.positiveDuration("live-state.flush-interval", Duration.ofMillis(100)),
                CleaningSettings.read(p),
                AlertLimits.read(p),
                AssetTopology.read(p),
                stages(p.text("stages")),
                KafkaClientSettings.read(properties, System::getenv));
    }

    private static Set<Stage> stages(Optional<String> value) {
        if (value.isEmpty()) {
            return Stage.all();
        }
        Set<Stage> stages = EnumSet.noneOf(Stage.class);
        for (String part : value.get().split(",")) {
            stages.add(Stage.ofKey(part.strip()));
        }
        return stages;
    }

    private static boolean alertsDelivery(String value) {
        return switch (value) {
            case "exactly-once" -> true;
            case "at-least-once" -> false;
            default -> throw new SettingsException("kafka.alerts.delivery='" + value
                    + "'; give exactly-once or at-least-once");
        };
    }

    /** Settings from a properties file, with {@code overrides} on top. */
    public static JobSettings load(Optional<Path> file, Properties overrides) {
        return from(properties(file, overrides));
    }

    /** The properties of a file (none: empty), with {@code overrides} on top. */
    public static Properties properties(Optional<Path> file, Properties overrides) {
        Properties properties = new Properties();
        if (file.isPresent()) {
            try (InputStream in = Files.newInputStream(file.get())) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the flink-jobs configuration " + file.get()
                        + "; give a readable properties file (--config) or none for the defaults", e);
            }
        }
        properties.putAll(overrides);
        return properties;
    }
}
