package io.gridai.inference.flink;

import io.gridai.inference.flink.io.ForecastKafka;
import io.gridai.model.Forecast;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.ZoneId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.wire.flink.WireTypeInformation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The forecast job: {@code grid.zone-load} → keyBy(zone) → {@link ForecastOperator} → {@code grid.forecasts},
 * exactly once.
 *
 * <pre>
 * zone-load-source ─► keyBy(zone) ─► forecast ─► forecasts-sink
 * (Kafka, read_committed,            (ONNX,       (Kafka, transactional,
 *  event time = window end)           batched)     committed on checkpoints)
 * </pre>
 *
 * The uids ({@value #SOURCE_UID}, {@value #OPERATOR_UID}, {@value #SINK_UID}) are fixed so savepoints restore into
 * changed code. Runs on its own ({@link #main}, {@code flink run}) or inside flink-jobs' {@code FlinkJobsMain}, added
 * to the same environment ({@link #addTo}).
 */
public final class ForecastJob {

    /** The job's name when it runs on its own. */
    public static final String NAME = "gridai-forecast";
    public static final String SOURCE_UID = "zone-load-source";
    public static final String OPERATOR_UID = "forecast";
    public static final String SINK_UID = "forecasts-sink";

    private final ForecastSettings settings;
    private final Topic<ZoneId, ZoneLoad> zoneLoad;
    private final Topic<ZoneId, Forecast> forecasts;
    private final ForecastKafka kafka;

    public ForecastJob(ForecastSettings settings, Topic<ZoneId, ZoneLoad> zoneLoad, Topic<ZoneId, Forecast> forecasts,
            ForecastKafka kafka) {
        this.settings = settings;
        this.zoneLoad = zoneLoad;
        this.forecasts = forecasts;
        this.kafka = kafka;
    }

    /** The job on the platform's topics ({@link Topics}). */
    public static ForecastJob onPlatformTopics(String bootstrap, ForecastSettings settings) {
        return onPlatformTopics(bootstrap, settings, Map.of());
    }

    /** The job on the platform's topics, its Kafka clients with {@code clientProperties} too (e.g. TLS). */
    public static ForecastJob onPlatformTopics(String bootstrap, ForecastSettings settings,
            Map<String, String> clientProperties) {
        return new ForecastJob(settings, Topics.GRID_ZONE_LOAD, Topics.GRID_FORECASTS, new ForecastKafka(bootstrap,
                settings.consumerGroup(), settings.transactionalIdPrefix(), settings.transactionTimeout(),
                clientProperties));
    }

    /**
     * Entry point for {@code flink run} and local runs:
     * {@code --bootstrap HOST:PORT [--models DIR] [--config FILE] [--set forecast.KEY=VALUE ...]}.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        Properties overrides = new Properties();
        List<String> known = List.of("--bootstrap", "--models", "--config", "--set");
        for (int i = 0; i < args.length; i += 2) {
            if (!known.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --bootstrap HOST:PORT [--models DIR] [--config FILE]"
                        + " [--set forecast.KEY=VALUE ...]; got '" + args[i] + "'");
            }
            if (args[i].equals("--set")) {
                String[] kv = args[i + 1].split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("--set takes KEY=VALUE, got '" + args[i + 1] + "'");
                }
                overrides.setProperty(kv[0].strip(), kv[1].strip());
            } else {
                options.put(args[i], args[i + 1]);
            }
        }
        if (options.containsKey("--models")) {
            overrides.setProperty(ForecastSettings.PREFIX + "models.dir", options.get("--models"));
        }
        String bootstrap = options.get("--bootstrap");
        if (bootstrap == null) {
            throw new IllegalArgumentException("--bootstrap HOST:PORT (the Kafka bootstrap servers) is required");
        }
        ForecastSettings settings = ForecastSettings.load(Optional.ofNullable(options.get("--config")).map(Path::of),
                overrides);
        StreamExecutionEnvironment env = environment(settings, new Configuration());
        onPlatformTopics(bootstrap, settings).addTo(env);
        env.execute(NAME);
    }

    /** An environment with the standalone job's checkpointing, parallelism and restart strategy. */
    public static StreamExecutionEnvironment environment(ForecastSettings settings, Configuration base) {
        Configuration conf = new Configuration(base);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        settings.checkpointDirectory().ifPresent(dir -> {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
        });
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(settings.parallelism());
        env.getConfig().enableObjectReuse(); // wire types are immutable; the operator never changes an input
        env.enableCheckpointing(settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        return env;
    }

    /** Adds source, operator and sink to {@code env} (its checkpointing and parallelism apply). */
    public void addTo(StreamExecutionEnvironment env) {
        DataStream<ZoneLoad> loads = env.fromSource(kafka.zoneLoads(zoneLoad), watermarks(settings), "grid-zone-load")
                .uid(SOURCE_UID);
        forecasts(loads, settings)
                .sinkTo(kafka.forecasts(forecasts)).uid(SINK_UID).name("grid-forecasts");
    }

    /** The forecast operator on any stream of zone loads (tests give a bounded one). */
    public static SingleOutputStreamOperator<Forecast> forecasts(DataStream<ZoneLoad> loads,
            ForecastSettings settings) {
        return loads.keyBy(new ZoneKey(), Types.STRING)
                .transform("forecast: day-ahead and intraday (ONNX)", WireTypeInformation.of(Forecast.class),
                        new ForecastOperator(settings))
                .uid(OPERATOR_UID);
    }

    /** Event time = the end of the load window (when its value is known). */
    public static WatermarkStrategy<ZoneLoad> watermarks(ForecastSettings settings) {
        return WatermarkStrategy.<ZoneLoad>forBoundedOutOfOrderness(settings.outOfOrderness())
                .withTimestampAssigner((z, previous) -> z.windowEnd().toEpochMilli())
                .withIdleness(settings.idleTimeout());
    }

    /** Keys zone loads by zone id. */
    public static final class ZoneKey implements KeySelector<ZoneLoad, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ZoneLoad load) {
            return load.zone().value();
        }
    }
}
