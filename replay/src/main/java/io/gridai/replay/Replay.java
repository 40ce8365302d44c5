package io.gridai.replay;

import io.gridai.flink.config.AssetTopology;
import io.gridai.inference.flink.ForecastSettings;
import io.gridai.model.topic.SandboxTopics;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replay, start to end: the sandbox's topics made afresh ({@link SandboxKafka}), its jobs started
 * ({@link SandboxPipeline}), the archive window streamed into its {@code telemetry.raw} ({@link ArchiveReplayer}),
 * the jobs ended once they have read everything, and the result topics read back ({@link TopicContents}).
 *
 * <p>Nothing of a replay reaches a real topic: every topic it writes or has its jobs write is
 * {@code sandbox.<name>.*}, and the setpoints of any sandboxed service are refused on {@code grid.setpoints} where
 * they are published ({@code SetpointGuard}).
 */
public final class Replay {

    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

    /** The sandbox topics a replay's outputs are read from, in this order. */
    public static final List<Topic<?, ?>> RESULT_TOPICS = List.of(Topics.TELEMETRY_CLEAN, Topics.TELEMETRY_LATE,
            Topics.GRID_ALERTS, Topics.GRID_ZONE_LOAD, Topics.GRID_FORECASTS, Topics.GRID_SETPOINTS);

    /**
     * @param sent     what was streamed in
     * @param outputs  per result topic (sandbox name), everything committed, empty when the replay was stopped
     * @param wall     the whole replay's wall time, jobs' start and end included
     * @param forecastSettings the settings the sandbox's forecast job ran with (for the offline check)
     * @param topology the asset placement the sandbox's streaming job ran with (for the archive's zone loads)
     */
    public record Result(ReplayRequest request, ArchiveReplayer.Sent sent, Map<String, TopicContents> outputs,
            Duration wall, ForecastSettings forecastSettings, AssetTopology topology) {

        /** The sandbox copy of a registry result topic. */
        public TopicContents output(Topic<?, ?> registryTopic) {
            return outputs.get(Topics.sandbox(request.sandbox()).of(registryTopic).name());
        }

        public boolean stopped() {
            return sent.stopped();
        }
    }

    private final String bootstrap;
    private final Properties jobProperties;
    private final Path models;
    private final Path work;
    private final Duration timeout;

    /**
     * @param bootstrap     the platform's Kafka
     * @param jobProperties the flink-jobs/forecast configuration the production jobs run with
     * @param models        the model registry of the model under test
     * @param work          a folder for the sandbox jobs' checkpoints and savepoints
     * @param timeout       longest wait for Kafka and for the jobs to read what was replayed
     */
    public Replay(String bootstrap, Properties jobProperties, Path models, Path work, Duration timeout) {
        this.bootstrap = bootstrap;
        this.jobProperties = jobProperties;
        this.models = models;
        this.work = work;
        this.timeout = timeout;
    }

    public Result run(ReplayRequest request, ReplayControl control, Consumer<ArchiveReplayer.Progress> progress)
            throws Exception {
        return run(request, control, progress, total -> { });
    }

    /** As {@link #run(ReplayRequest, ReplayControl, Consumer)}, telling {@code total} the window's record count first. */
    public Result run(ReplayRequest request, ReplayControl control, Consumer<ArchiveReplayer.Progress> progress,
            LongConsumer total) throws Exception {
        long start = System.nanoTime();
        SandboxTopics topics = Topics.sandbox(request.sandbox());
        try (SandboxKafka kafka = new SandboxKafka(bootstrap, topics, timeout);
                SandboxPipeline pipeline = new SandboxPipeline(topics, jobProperties, models, work)) {
            ArchiveReplayer replayer = new ArchiveReplayer(request, topics.of(Topics.TELEMETRY_RAW), control);
            long records = replayer.count();
            total.accept(records);
            if (records == 0) {
                throw new ReplayException("the archive " + request.archive() + " holds no telemetry from "
                        + request.from() + " to " + request.to() + (request.assets().isEmpty() ? ""
                        : " for " + request.assets()) + "; see what it holds with ./gridai archive ls");
            }
            LOG.info("replay starting sandbox={} records={} from={} to={} speed={}", request.sandbox(), records,
                    request.from(), request.to(), request.maxSpeed() ? "max" : request.speed());
            kafka.recreateTopics();
            pipeline.start(bootstrap, records);
            ArchiveReplayer.Sent sent;
            try (Producer<byte[], byte[]> producer = ArchiveReplayer.producer(bootstrap,
                    "gridai-replay-" + request.sandbox().value())) {
                sent = replayer.run(producer, progress);
            }
            if (sent.stopped()) {
                LOG.info("replay stopped sandbox={} records={}: the sandbox jobs are cancelled, no report",
                        request.sandbox(), sent.records());
                return new Result(request, sent, Map.of(), Duration.ofNanos(System.nanoTime() - start),
                        pipeline.forecastSettings(), pipeline.jobSettings().topology());
            }
            pipeline.finish(kafka, timeout);
            Map<String, TopicContents> outputs = new LinkedHashMap<>();
            for (Topic<?, ?> topic : RESULT_TOPICS) {
                Topic<?, ?> ours = topics.of(topic);
                TopicContents contents = TopicContents.read(bootstrap, ours, timeout);
                outputs.put(ours.name(), contents);
                LOG.info("replay output sandbox={} topic={} records={} sha256={}", request.sandbox(), ours.name(),
                        contents.count(), contents.sha256());
            }
            return new Result(request, sent, outputs, Duration.ofNanos(System.nanoTime() - start),
                    pipeline.forecastSettings(), pipeline.jobSettings().topology());
        }
    }
}
