package io.gridai.flink;

import io.gridai.flink.archive.ArchiveBuckets;
import io.gridai.flink.archive.ArchiveFiles;
import io.gridai.flink.config.ArchiveSettings;
import io.gridai.flink.config.JobSettings;
import io.gridai.flink.io.KafkaIo;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.topic.Topic;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * The historic archive (issue 11): every archived topic ({@link ArchiveDataset}) into Avro object container files
 * under {@code archive.root}, in the {@link io.gridai.model.archive.ArchiveLayout} layout
 * {@code ROOT/DATASET/date=YYYY-MM-DD/feed=FEED/part-*.avro}.
 *
 * <pre>
 * telemetry.clean ─► [archive-telemetry-source] ─► [archive-telemetry-sink] ─► ROOT/telemetry/date=…/feed=…/part-….avro
 * grid.forecasts  ─► [archive-forecasts-source] ─► [archive-forecasts-sink] ─► ROOT/forecasts/…
 * grid.setpoints  ─► [archive-setpoints-source] ─► [archive-setpoints-sink] ─► ROOT/setpoints/…
 * grid.alerts     ─► [archive-alerts-source]    ─► [archive-alerts-sink]    ─► ROOT/alerts/…
 * </pre>
 *
 * <p>A job of its own, apart from {@link GridStreamingJob}: its checkpoints (and so its files) follow their own
 * interval, and a sink that lags or a full disk holds back no alert. Exactly-once: the Kafka sources read
 * read_committed and keep their offsets in the checkpoint; the file sink writes hidden in-progress files
 * ({@code .part-…}) and renames them to their final names only when the checkpoint that covers them completes. After a
 * failure the job resumes from the last checkpoint's offsets and discards what it wrote since, so every record is in
 * exactly one visible file. Every source and sink has a fixed {@code uid}.
 */
public final class ArchiveJob {

    /** The job's name in Flink. */
    public static final String NAME = "gridai-archive";

    /**
     * Something put between a dataset's source and its sink: nothing in the platform; tests put a failure there.
     */
    public interface Between {

        /** Nothing between source and sink. */
        Between NOTHING = new Between() {
            @Override
            public <T> DataStream<T> apply(ArchiveDataset<T> dataset, DataStream<T> records) {
                return records;
            }
        };

        <T> DataStream<T> apply(ArchiveDataset<T> dataset, DataStream<T> records);
    }

    private final ArchiveSettings settings;
    private final KafkaIo kafka;
    private final Between between;

    public ArchiveJob(ArchiveSettings settings, KafkaIo kafka) {
        this(settings, kafka, Between.NOTHING);
    }

    public ArchiveJob(ArchiveSettings settings, KafkaIo kafka, Between between) {
        this.settings = settings;
        this.kafka = kafka;
        this.between = between;
    }

    /**
     * Entry point for {@code flink run -c io.gridai.flink.ArchiveJob}: arguments as {@link JobArguments} (only
     * {@code --bootstrap}, {@code --config} and {@code --set} matter); give {@code archive.root} a URI the cluster's
     * task managers all reach (an object store, a shared volume).
     */
    public static void main(String[] args) throws Exception {
        JobArguments arguments = JobArguments.parse(args);
        StreamExecutionEnvironment env = environment(arguments.settings(), arguments.archive(), new Configuration());
        new ArchiveJob(arguments.archive(), new KafkaIo(arguments.bootstrap(), arguments.settings(), false)).addTo(env);
        env.execute(NAME);
    }

    /**
     * An environment with the archive's checkpointing ({@code archive.checkpoint.*}), the shared {@code parallelism}
     * and the streaming job's restart strategy.
     */
    public static StreamExecutionEnvironment environment(JobSettings settings, ArchiveSettings archive,
            Configuration base) {
        Configuration conf = new Configuration(base);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        archive.checkpointDir().ifPresent(dir -> {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
        });
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(settings.parallelism());
        env.getConfig().enableObjectReuse();
        env.enableCheckpointing(archive.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        return env;
    }

    /** Adds a source and a file sink per archived dataset to {@code env}. */
    public void addTo(StreamExecutionEnvironment env) {
        for (ArchiveDataset<?> dataset : settings.datasets()) {
            add(env, dataset);
        }
    }

    private <T> void add(StreamExecutionEnvironment env, ArchiveDataset<T> dataset) {
        Topic<?, T> topic = namespaced(dataset.topic());
        String name = "archive-" + dataset.name();
        DataStream<T> records = env.fromSource(kafka.records(topic, settings.groupId(), settings.startAtEarliest()),
                WatermarkStrategy.noWatermarks(), name + "-source: " + topic.name()).uid(name + "-source");
        between.apply(dataset, records).sinkTo(sink(dataset)).uid(name + "-sink")
                .name(name + "-sink: " + dataset.name() + "/date=…/feed=…");
    }

    private <K, T> Topic<K, T> namespaced(Topic<K, T> topic) {
        return settings.topicNamespace().map(topic::inNamespace).orElse(topic);
    }

    /** The dataset's file sink: bulk Avro, one bucket per date and feed, files rolled (and committed) per checkpoint. */
    <T> FileSink<T> sink(ArchiveDataset<T> dataset) {
        return FileSink.forBulkFormat(new Path(settings.root(), dataset.name()),
                        ArchiveFiles.writer(dataset, settings.codec()))
                .withBucketAssigner(new ArchiveBuckets<>(dataset))
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(ArchiveFiles.NAMES)
                .build();
    }
}
