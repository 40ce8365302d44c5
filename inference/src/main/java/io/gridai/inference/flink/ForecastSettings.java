package io.gridai.inference.flink;

import io.gridai.inference.registry.ModelRegistry;
import io.gridai.inference.serve.ExecutionProvider;
import io.gridai.inference.serve.InferenceSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * What the forecast job can be told, from properties; every key starts with {@code forecast.} so the keys can sit in
 * flink-jobs' configuration file next to its own. Defaults in brackets.
 *
 * @param modelsDir               {@code forecast.models.dir} [required]: the {@link ModelRegistry} folder
 * @param dayAheadIssueTime       {@code forecast.day-ahead.issue-time} [10:00]: local time (the model's time zone)
 *                                at which the forecast for every hour of the next local day is made
 * @param intradayCadence         {@code forecast.intraday.cadence} [PT1H]: whole hours between intraday forecasts
 *                                (issued at UTC hours divisible by it)
 * @param intradayHours           {@code forecast.intraday.hours} [6]: hours an intraday forecast covers (1–48), in
 *                                5-minute steps
 * @param batchSize               {@code forecast.batch-size} [1024]: buffered feature rows that make a model run
 * @param maxBatchDelay           {@code forecast.max-batch-delay} [PT0.05S]: longest a buffered row waits (processing
 *                                time) for its batch to fill
 * @param inferenceThread         {@code forecast.inference-thread} [true]: run the models on a thread of their own
 *                                per subtask, so the next batch's rows are built while one runs (one more busy core
 *                                per subtask); false runs them on the task thread
 * @param refreshInterval         {@code forecast.registry.refresh-interval} [PT10S]: how often a running job looks
 *                                for changed ACTIVE/SHADOW pointers (hot swap)
 * @param executionProvider       {@code forecast.execution-provider} [cpu]: {@code cpu} or {@code cuda} (falls back
 *                                to CPU with a WARN when CUDA cannot start)
 * @param cudaDevice              {@code forecast.cuda.device} [0]
 * @param intraOpThreads          {@code forecast.onnx.intra-op-threads} [1]: ONNX Runtime threads per model run (0:
 *                                one per core)
 * @param minHistoryHours         {@code forecast.history.min-hours} [24]: hours of load a zone must have in the week
 *                                before an issue time, else no forecast is made then
 * @param skillWindow             {@code forecast.skill.window} [168]: live skill gauges average the last this many
 *                                forecast hours that have an actual
 * @param parallelism             {@code forecast.parallelism} [2]: the standalone job's parallelism
 * @param checkpointInterval      {@code forecast.checkpoint.interval} [PT10S]: the standalone job's checkpoints (and
 *                                so how late read_committed consumers see forecasts)
 * @param checkpointDir           {@code forecast.checkpoint.dir} [none: null]: the standalone job's checkpoint storage
 * @param transactionTimeout      {@code forecast.kafka.transaction.timeout} [PT5M]: below the broker's
 *                                {@code transaction.max.timeout.ms}
 * @param transactionalIdPrefix   {@code forecast.kafka.transactional-id-prefix} [gridai-forecast]
 * @param consumerGroup           {@code forecast.kafka.group-id} [gridai-forecast]
 * @param outOfOrderness          {@code forecast.watermark.out-of-orderness} [PT5M]: zone loads arrive in window
 *                                order per zone; 5-minute and hourly windows interleave
 * @param idleTimeout             {@code forecast.watermark.idle-timeout} [PT1M]
 */
public record ForecastSettings(
        String modelsDir,
        LocalTime dayAheadIssueTime,
        Duration intradayCadence,
        int intradayHours,
        int batchSize,
        Duration maxBatchDelay,
        boolean inferenceThread,
        Duration refreshInterval,
        ExecutionProvider executionProvider,
        int cudaDevice,
        int intraOpThreads,
        int minHistoryHours,
        int skillWindow,
        int parallelism,
        Duration checkpointInterval,
        String checkpointDir,
        Duration transactionTimeout,
        String transactionalIdPrefix,
        String consumerGroup,
        Duration outOfOrderness,
        Duration idleTimeout) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String PREFIX = "forecast.";
    public static final LocalTime DEFAULT_DAY_AHEAD_ISSUE_TIME = LocalTime.of(10, 0);
    public static final Duration DEFAULT_INTRADAY_CADENCE = Duration.ofHours(1);
    public static final int DEFAULT_INTRADAY_HOURS = 6;
    public static final int MAX_INTRADAY_HOURS = 48;
    public static final int DEFAULT_BATCH_SIZE = 1024;
    public static final Duration DEFAULT_MAX_BATCH_DELAY = Duration.ofMillis(50);
    public static final int DEFAULT_MIN_HISTORY_HOURS = 24;
    public static final int DEFAULT_SKILL_WINDOW = 168;

    public ForecastSettings {
        require(modelsDir != null && !modelsDir.isBlank(),
                "forecast.models.dir is required: the model registry folder");
        require(intradayCadence.toSeconds() % 3600 == 0 && intradayCadence.toHours() >= 1
                && intradayCadence.toNanosPart() == 0, "forecast.intraday.cadence=" + intradayCadence
                + " must be a whole number of hours, e.g. PT1H");
        require(intradayHours >= 1 && intradayHours <= MAX_INTRADAY_HOURS,
                "forecast.intraday.hours=" + intradayHours + " must be between 1 and " + MAX_INTRADAY_HOURS);
        require(batchSize >= 1, "forecast.batch-size=" + batchSize + " must be at least 1");
        require(!maxBatchDelay.isNegative() && !maxBatchDelay.isZero(), "forecast.max-batch-delay must be positive");
        require(minHistoryHours >= 0 && minHistoryHours <= 168, "forecast.history.min-hours=" + minHistoryHours
                + " must be between 0 and 168");
        require(skillWindow >= 1, "forecast.skill.window must be at least 1");
        require(parallelism >= 1, "forecast.parallelism must be at least 1");
        require(checkpointInterval.compareTo(transactionTimeout) < 0, "forecast.checkpoint.interval ("
                + checkpointInterval + ") must be shorter than forecast.kafka.transaction.timeout ("
                + transactionTimeout + "): a transaction stays open from one checkpoint to the next");
    }

    /** Settings from {@code properties} (keys under {@link #PREFIX}; others are ignored), defaults for absent keys. */
    public static ForecastSettings from(Properties properties) {
        Reader p = new Reader(properties);
        return new ForecastSettings(
                p.text("models.dir").orElse(null),
                p.parse("day-ahead.issue-time", DEFAULT_DAY_AHEAD_ISSUE_TIME, LocalTime::parse,
                        "a local time like 10:00"),
                p.duration("intraday.cadence", DEFAULT_INTRADAY_CADENCE),
                p.integer("intraday.hours", DEFAULT_INTRADAY_HOURS),
                p.integer("batch-size", DEFAULT_BATCH_SIZE),
                p.duration("max-batch-delay", DEFAULT_MAX_BATCH_DELAY),
                p.parse("inference-thread", true, ForecastSettings::bool, "true or false"),
                p.duration("registry.refresh-interval", ModelRegistry.DEFAULT_REFRESH_INTERVAL),
                p.parse("execution-provider", ExecutionProvider.CPU,
                        v -> ExecutionProvider.valueOf(v.toUpperCase(Locale.ROOT)), "cpu or cuda"),
                p.integer("cuda.device", InferenceSettings.DEFAULT_CUDA_DEVICE),
                p.integer("onnx.intra-op-threads", InferenceSettings.DEFAULT_INTRA_OP_THREADS),
                p.integer("history.min-hours", DEFAULT_MIN_HISTORY_HOURS),
                p.integer("skill.window", DEFAULT_SKILL_WINDOW),
                p.integer("parallelism", 2),
                p.duration("checkpoint.interval", Duration.ofSeconds(10)),
                p.text("checkpoint.dir").orElse(null),
                p.duration("kafka.transaction.timeout", Duration.ofMinutes(5)),
                p.text("kafka.transactional-id-prefix").orElse("gridai-forecast"),
                p.text("kafka.group-id").orElse("gridai-forecast"),
                p.duration("watermark.out-of-orderness", Duration.ofMinutes(5)),
                p.duration("watermark.idle-timeout", Duration.ofMinutes(1)));
    }

    /** Settings from a properties file (if any), with {@code overrides} on top. */
    public static ForecastSettings load(Optional<Path> file, Properties overrides) {
        Properties properties = new Properties();
        if (file.isPresent()) {
            try (InputStream in = Files.newInputStream(file.get())) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the forecast configuration " + file.get(), e);
            }
        }
        properties.putAll(overrides);
        return from(properties);
    }

    /** The model registry folder. */
    public Path modelsPath() {
        return Path.of(modelsDir);
    }

    public Optional<String> checkpointDirectory() {
        return Optional.ofNullable(checkpointDir);
    }

    /** How the registry runs models. */
    public InferenceSettings inference() {
        return new InferenceSettings(executionProvider, cudaDevice, intraOpThreads);
    }

    /** The same settings with other registry folder. */
    public ForecastSettings withModelsDir(Path dir) {
        return new ForecastSettings(dir.toString(), dayAheadIssueTime, intradayCadence, intradayHours, batchSize,
                maxBatchDelay, inferenceThread, refreshInterval, executionProvider, cudaDevice, intraOpThreads,
                minHistoryHours, skillWindow,
                parallelism, checkpointInterval, checkpointDir, transactionTimeout, transactionalIdPrefix,
                consumerGroup, outOfOrderness, idleTimeout);
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(value);
        };
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Typed reads of {@code forecast.*} keys; errors name the key. */
    private record Reader(Properties properties) {

        Optional<String> text(String key) {
            String value = properties.getProperty(PREFIX + key);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        <T> T parse(String key, T defaultValue, Function<String, T> parser, String expected) {
            Optional<String> raw = text(key);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            try {
                return parser.apply(raw.get());
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new IllegalArgumentException(PREFIX + key + "='" + raw.get() + "' is not " + expected, e);
            }
        }

        int integer(String key, int defaultValue) {
            return parse(key, defaultValue, Integer::parseInt, "a whole number");
        }

        Duration duration(String key, Duration defaultValue) {
            Duration value = parse(key, defaultValue, Duration::parse, "an ISO-8601 duration such as PT5S");
            if (value.isNegative()) {
                throw new IllegalArgumentException(PREFIX + key + "=" + value + " is negative");
            }
            return value;
        }
    }
}
