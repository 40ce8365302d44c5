package io.gridai.flink;

import io.gridai.flink.aggregate.AssetMean;
import io.gridai.flink.aggregate.StatsAggregate;
import io.gridai.flink.aggregate.Stats;
import io.gridai.flink.aggregate.SubjectReading;
import io.gridai.flink.aggregate.SubjectWindows;
import io.gridai.flink.aggregate.SubjectsOf;
import io.gridai.flink.aggregate.ToAssetMean;
import io.gridai.flink.aggregate.ToZoneLoad;
import io.gridai.flink.aggregate.ZoneLoadOrder;
import io.gridai.flink.aggregate.ZoneLoadReadings;
import io.gridai.flink.alert.LimitWatcher;
import io.gridai.flink.clean.CleaningFunction;
import io.gridai.flink.config.JobSettings;
import io.gridai.flink.config.Stage;
import io.gridai.flink.io.EdgeTypeInformation;
import io.gridai.flink.io.GridTopics;
import io.gridai.flink.io.KafkaIo;
import io.gridai.flink.trace.ContinueTrace;
import io.gridai.flink.trace.TracedMeasurement;
import io.gridai.model.wire.flink.WireTypeInformation;
import io.gridai.flink.live.LiveStateSink;
import io.gridai.flink.live.LiveStateTarget;
import io.gridai.model.Aggregate;
import io.gridai.model.Alert;
import io.gridai.model.Measurement;
import io.gridai.model.ZoneLoad;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The GridAI streaming job: {@code telemetry.raw} → clean → {@code telemetry.clean} (+ {@code telemetry.late}),
 * aggregates → {@code telemetry.aggregates}, zone load → {@code grid.zone-load}, limit alerts → {@code grid.alerts},
 * latest values → Hazelcast. One job, so that alerts and aggregates see exactly the readings that were cleaned
 * without a round trip through Kafka; every Kafka sink is exactly-once.
 *
 * <pre>
 * raw ─► keyBy(asset) ─► trace ─► clean ──┬─► telemetry.clean        (late side output ─► telemetry.late)
 *        [source]                  [clean] ├─► limits ─► grid.alerts  (same partitioning: no shuffle)
 *                                          ├─► live state (Hazelcast IMap)
 *                                          ├─► subjects ─► keyBy(scope/subject/kind) ─► windows 1 s + 1 min + 15 min ─► aggregates
 *                                          └─► zone-load readings ─► keyBy(asset) ─► mean ─► keyBy(zone) ─► sum ─► grid.zone-load
 * </pre>
 *
 * <p>{@code trace} ({@link ContinueTrace}) continues the trace context a raw record carries: while a traced
 * measurement goes down the chain after it, its span is current, and the Kafka sinks of clean readings and alerts
 * write that context into their records' headers.
 *
 * <p>{@code stages} ({@link Stage}) switches the parts after cleaning off, e.g. to measure cleaning alone.
 *
 * <p>Every operator has a fixed {@code uid} (listed in the module README), so savepoints restore into changed code.
 * The aggregate windows of every length live in one operator ({@code aggregates}, state per length); zone load
 * operators are named after their length ({@code zone-load-PT5M}), so changing those windows adds or drops
 * operators (restore with {@code --allow-non-restored-state} after removing one).
 */
public final class GridStreamingJob {

    /** The job's name in Flink. */
    public static final String NAME = "gridai-streaming";

    private static final KeySelector<Measurement, String> BY_ASSET = new AssetKey();
    private static final KeySelector<TracedMeasurement, String> TRACED_BY_ASSET = new TracedAssetKey();

    private final JobSettings settings;
    private final GridTopics topics;
    private final KafkaIo kafka;
    private final Optional<LiveStateTarget> liveState;

    public GridStreamingJob(JobSettings settings, GridTopics topics, KafkaIo kafka, Optional<LiveStateTarget> liveState) {
        this.settings = settings;
        this.topics = topics;
        this.kafka = kafka;
        this.liveState = liveState;
    }

    /**
     * Entry point for {@code flink run}: builds the job on the cluster's environment and runs it until cancelled.
     * Arguments as {@link JobArguments} ({@code --hazelcast embedded} is not available on a cluster); with
     * {@code --models DIR} inference's forecast pipeline runs in the same job.
     */
    public static void main(String[] args) throws Exception {
        JobArguments arguments = JobArguments.parse(args);
        if (arguments.hazelcast().equals("embedded")) {
            throw new io.gridai.flink.config.SettingsException("--hazelcast embedded runs only under FlinkJobsMain;"
                    + " on a Flink cluster give the Hazelcast members' addresses");
        }
        StreamExecutionEnvironment env = environment(arguments.settings(), new Configuration());
        new GridStreamingJob(arguments.settings(), GridTopics.registry(),
                new KafkaIo(arguments.bootstrap(), arguments.settings(), false), arguments.liveState(Optional.empty()))
                .addTo(env);
        // --models DIR: inference's forecast pipeline in the same job, as FlinkJobsMain runs it under gridai up
        arguments.forecast().ifPresent(forecast -> io.gridai.inference.flink.ForecastJob.onPlatformTopics(
                arguments.bootstrap(), forecast, arguments.settings().kafkaClient().properties()).addTo(env));
        env.execute(NAME);
    }

    /** An environment with the job's checkpointing, parallelism and restart strategy. */
    public static StreamExecutionEnvironment environment(JobSettings settings, Configuration base) {
        Configuration conf = new Configuration(base);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        settings.checkpointDir().ifPresent(dir -> {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
        });
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(settings.parallelism());
        env.setBufferTimeout(settings.bufferTimeout().toMillis());
        // Safe: wire types are immutable and no function changes a record after emitting it.
        env.getConfig().enableObjectReuse();
        env.enableCheckpointing(settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        return env;
    }

    /** Adds the job's operators to {@code env}. */
    public void addTo(StreamExecutionEnvironment env) {
        // Between operators only (never in state): the hand-written edge serializer, not the Avro message.
        TypeInformation<Measurement> measurementType = EdgeTypeInformation.of(Measurement.class);
        Duration lateness = settings.cleaning().allowedLateness();

        DataStream<TracedMeasurement> raw = env.fromSource(kafka.tracedMeasurements(topics.raw()), watermarks(),
                "telemetry-raw").uid("raw-source");
        // The shuffle by asset carries each measurement's trace context; from here the chain runs in its span.
        DataStream<Measurement> byAsset = raw.keyBy(TRACED_BY_ASSET)
                .process(new ContinueTrace(NAME, topics.raw().name()), measurementType)
                .uid("trace").name("trace: continue the record's trace");
        SingleOutputStreamOperator<Measurement> clean = DataStreamUtils.reinterpretAsKeyedStream(byAsset, BY_ASSET,
                        Types.STRING)
                .process(new CleaningFunction(settings.cleaning()), measurementType)
                .uid("clean").name("clean: late, duplicates, range, gaps, stuck");
        clean.sinkTo(kafka.exactlyOnce(topics.clean(), m -> m.asset().value(), "clean"))
                .uid("clean-sink").name("telemetry-clean");
        clean.getSideOutput(CleaningFunction.LATE)
                .sinkTo(kafka.exactlyOnce(topics.late(), m -> m.asset().value(), "late"))
                .uid("late-sink").name("telemetry-late");

        if (settings.runs(Stage.ALERTS)) {
            KeyedStream<Measurement, String> cleanByAsset =
                    DataStreamUtils.reinterpretAsKeyedStream(clean, BY_ASSET, Types.STRING);
            cleanByAsset.process(new LimitWatcher(settings.alerts(), settings.cleaning()),
                            WireTypeInformation.of(Alert.class))
                    .uid("limits").name("limits: voltage, branch loading, frequency")
                    .sinkTo(kafka.sink(topics.alerts(), a -> a.asset().value(), "alerts", settings.alertsExactlyOnce()
                            ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE))
                    .uid("alerts-sink").name("grid-alerts");
        }
        if (settings.runs(Stage.LIVE_STATE)) {
            liveState.ifPresent(target -> clean
                    .sinkTo(new LiveStateSink(target, settings.liveStateMap(), settings.liveStateFlushInterval()))
                    .uid("live-state-sink").name("live-state"));
        }
        if (settings.runs(Stage.AGGREGATES)) {
            addAggregates(clean, lateness);
        }
        if (settings.runs(Stage.ZONE_LOAD)) {
            addZoneLoad(clean, lateness);
        }
    }

    private void addAggregates(DataStream<Measurement> clean, Duration lateness) {
        if (settings.windows().isEmpty()) {
            return;
        }
        // Every window length in one operator (SubjectWindows), chained to the sink: Aggregates cross no network.
        clean.flatMap(new SubjectsOf(settings.topology()), Types.POJO(SubjectReading.class))
                .uid("subjects").name("subjects: asset, substation, zone")
                .keyBy(new SubjectKey())
                .process(new SubjectWindows(settings.windows(), lateness), EdgeTypeInformation.of(Aggregate.class))
                .uid("aggregates").name("aggregates " + settings.windows())
                .sinkTo(kafka.exactlyOnce(topics.aggregates(), a -> a.scope() + "/" + a.subject(), "aggregates"))
                .uid("aggregates-sink").name("telemetry-aggregates");
    }

    private void addZoneLoad(DataStream<Measurement> clean, Duration lateness) {
        DataStream<SubjectReading> loads = clean
                .flatMap(new ZoneLoadReadings(settings.topology()), Types.POJO(SubjectReading.class))
                .uid("zone-load-readings").name("zone load readings");
        DataStream<ZoneLoad> totals = null;
        for (Duration window : settings.zoneLoadWindows()) {
            DataStream<ZoneLoad> zone = loads.keyBy(new ReadingAsset())
                    .window(TumblingEventTimeWindows.of(window))
                    .allowedLateness(lateness)
                    .aggregate(new StatsAggregate(), new ToAssetMean(), Types.POJO(Stats.class), Types.POJO(Stats.class),
                            Types.POJO(AssetMean.class))
                    .uid("zone-load-assets-" + window).name("load asset means " + window)
                    .keyBy(new MeanZone())
                    .window(TumblingEventTimeWindows.of(window))
                    .allowedLateness(lateness)
                    .process(new ToZoneLoad(), WireTypeInformation.of(ZoneLoad.class))
                    .uid("zone-load-" + window).name("zone load " + window);
            totals = totals == null ? zone : totals.union(zone);
        }
        if (totals != null) {
            totals.keyBy(ZoneLoadOrder.KEY, Types.INT)
                    .process(new ZoneLoadOrder(), WireTypeInformation.of(ZoneLoad.class))
                    .uid("zone-load-order").name("zone load in event-time order")
                    .sinkTo(kafka.exactlyOnce(topics.zoneLoad(), z -> z.zone().value(), "zone-load"))
                    .uid("zone-load-sink").name("grid-zone-load");
        }
    }

    private WatermarkStrategy<TracedMeasurement> watermarks() {
        return WatermarkStrategy.<TracedMeasurement>forBoundedOutOfOrderness(settings.cleaning().outOfOrderness())
                .withTimestampAssigner((t, previous) -> t.measurement().eventTime().toEpochMilli())
                .withIdleness(settings.cleaning().idleTimeout());
    }

    private static final class AssetKey implements KeySelector<Measurement, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Measurement m) {
            return m.asset().value();
        }
    }

    private static final class TracedAssetKey implements KeySelector<TracedMeasurement, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(TracedMeasurement t) {
            return t.measurement().asset().value();
        }
    }

    private static final class SubjectKey implements KeySelector<SubjectReading, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(SubjectReading r) {
            return r.key;
        }
    }

    private static final class ReadingAsset implements KeySelector<SubjectReading, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(SubjectReading r) {
            return r.asset;
        }
    }

    private static final class MeanZone implements KeySelector<AssetMean, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(AssetMean m) {
            return m.zone;
        }
    }
}
