package io.gridai.replay;

import io.gridai.flink.GridStreamingJob;
import io.gridai.flink.config.JobSettings;
import io.gridai.flink.io.GridTopics;
import io.gridai.flink.io.KafkaIo;
import io.gridai.inference.flink.ForecastJob;
import io.gridai.inference.flink.ForecastSettings;
import io.gridai.inference.flink.io.ForecastKafka;
import io.gridai.model.topic.SandboxTopics;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's own instances of the production Flink jobs, on its topics: the streaming job
 * ({@link GridStreamingJob}: cleaning, alerts, zone load; no live state, which is the real grid's) and the forecast
 * job ({@link ForecastJob}, with the registry of the model under test), each on a MiniCluster in this JVM, with
 * parallelism 1, their own consumer groups and transactional ids ({@code sandbox-<name>-…}), and checkpoints under
 * the replay's work folder.
 *
 * <p><b>End of a replay.</b> The end is made explicit, in pipeline order. The streaming job's source stops at the
 * offset after the replay's last record (a replay's {@code telemetry.raw} is new and has one partition, so that is
 * the number of records replayed): its end of input sends the watermark to the end of time, every open window fires
 * and the final checkpoint commits the last transaction, and the job finishes. Then, once the forecast job (whose
 * forecasts follow its input records, not the watermark) has committed the offset after the last record of
 * {@code grid.zone-load}, it is stopped with a drained savepoint. Every output is then complete and committed, and
 * depends on the replayed records only.
 */
public final class SandboxPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxPipeline.class);

    private final SandboxTopics topics;
    private final JobSettings jobSettings;
    private final ForecastSettings forecastSettings;
    private final Path work;
    private JobClient streaming;
    private JobClient forecast;

    /**
     * @param properties the platform's job and {@code forecast.*} keys (its flink-jobs configuration); the sandbox's
     *                   own parallelism, checkpointing, groups, stages and model registry are set on top
     * @param models     the model registry of the model under test
     * @param work       the replay's work folder (checkpoints, savepoints)
     */
    public SandboxPipeline(SandboxTopics topics, Properties properties, Path models, Path work) {
        this.topics = topics;
        this.work = work;
        Properties p = new Properties();
        p.putAll(properties);
        String name = topics.sandbox().value();
        p.setProperty("parallelism", "1");
        p.putIfAbsent("checkpoint.interval", "PT1S");
        p.setProperty("checkpoint.dir", work.resolve("flink/streaming").toUri().toString());
        p.setProperty("kafka.group-id", "sandbox-" + name + "-flink");
        p.setProperty("kafka.transactional-id-prefix", "sandbox-" + name + "-flink");
        p.setProperty("stages", p.getProperty("replay.stages", "clean,alerts,zone-load"));
        p.setProperty(ForecastSettings.PREFIX + "models.dir", models.toString());
        p.setProperty(ForecastSettings.PREFIX + "parallelism", "1");
        // One forecast per model run: forecasts leave in the order they were requested. (Larger batches flush on
        // processing-time timers and checkpoints, which could interleave a zone's day-ahead and intraday forecasts
        // differently from one replay to the next.)
        p.setProperty(ForecastSettings.PREFIX + "batch-size", "1");
        p.putIfAbsent(ForecastSettings.PREFIX + "checkpoint.interval", "PT1S");
        p.setProperty(ForecastSettings.PREFIX + "checkpoint.dir", work.resolve("flink/forecast").toUri().toString());
        p.setProperty(ForecastSettings.PREFIX + "kafka.group-id", "sandbox-" + name + "-forecast");
        p.setProperty(ForecastSettings.PREFIX + "kafka.transactional-id-prefix", "sandbox-" + name + "-forecast");
        this.jobSettings = JobSettings.from(p);
        this.forecastSettings = ForecastSettings.from(p);
    }

    public JobSettings jobSettings() {
        return jobSettings;
    }

    public ForecastSettings forecastSettings() {
        return forecastSettings;
    }

    /**
     * Submits both jobs; returns once Flink accepted them.
     *
     * @param records how many records the replay will send into {@code telemetry.raw} (where the streaming job ends)
     */
    public void start(String bootstrap, long records) throws Exception {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, 1);
        StreamExecutionEnvironment streamingEnv = GridStreamingJob.environment(jobSettings, conf);
        OffsetsInitializer end = OffsetsInitializer.offsets(
                Map.of(new TopicPartition(topics.of(Topics.TELEMETRY_RAW).name(), 0), records));
        new GridStreamingJob(jobSettings, GridTopics.registry().inNamespace(topics.namespace()),
                new KafkaIo(bootstrap, jobSettings, end), Optional.empty()).addTo(streamingEnv);
        streaming = streamingEnv.executeAsync("sandbox-" + topics.sandbox().value() + "-streaming");

        StreamExecutionEnvironment forecastEnv = ForecastJob.environment(forecastSettings, conf);
        new ForecastJob(forecastSettings, topics.of(Topics.GRID_ZONE_LOAD), topics.of(Topics.GRID_FORECASTS),
                new ForecastKafka(bootstrap, forecastSettings.consumerGroup(),
                        forecastSettings.transactionalIdPrefix(), forecastSettings.transactionTimeout()))
                .addTo(forecastEnv);
        forecast = forecastEnv.executeAsync("sandbox-" + topics.sandbox().value() + "-forecast");
        LOG.info("sandbox jobs submitted sandbox={} streaming={} forecast={} models={} stages={}",
                topics.sandbox(), streaming.getJobID(), forecast.getJobID(), forecastSettings.modelsPath(),
                jobSettings.stages());
    }

    /**
     * Ends both jobs once they have read everything (see the class comment); throws when a job failed or did not
     * catch up within {@code timeout}.
     */
    public void finish(SandboxKafka kafka, Duration timeout) throws Exception {
        JobStatus status;
        try {
            status = streaming.getJobExecutionResult().thenApply(r -> JobStatus.FINISHED)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ReplayException("the sandbox's streaming job did not read all of "
                    + topics.of(Topics.TELEMETRY_RAW).name() + " within " + timeout + "; the machine may be"
                    + " overloaded, or the job is stuck (see the log above)", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ReplayException("the sandbox's streaming job failed: " + e.getCause(), e.getCause());
        }
        LOG.info("sandbox job finished sandbox={} job=streaming status={}", topics.sandbox(), status);
        drainWhenCaughtUp(forecast, "forecast", kafka, forecastSettings.consumerGroup(),
                topics.of(Topics.GRID_ZONE_LOAD), timeout);
    }

    private void drainWhenCaughtUp(JobClient job, String name, SandboxKafka kafka, String group, Topic<?, ?> input,
            Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!kafka.caughtUp(group, input)) {
            JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
            if (status.isTerminalState()) {
                throw new ReplayException("the sandbox's " + name + " job ended (" + status + ") before it read all"
                        + " of " + input.name() + "; see its log above");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ReplayException("the sandbox's " + name + " job did not read all of " + input.name()
                        + " within " + timeout + "; the machine may be overloaded, or the job is stuck (see the"
                        + " log above)");
            }
            SandboxKafka.pause(Duration.ofMillis(100)); // offsets are committed on checkpoints, once a second
        }
        String savepoint = job.stopWithSavepoint(true, work.resolve("flink/savepoints-" + name).toUri().toString(),
                SavepointFormatType.CANONICAL).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("sandbox job drained sandbox={} job={} savepoint={}", topics.sandbox(), name, savepoint);
    }

    /** Cancels what still runs (after a stop, a failure). */
    @Override
    public void close() {
        for (JobClient job : new JobClient[] {streaming, forecast}) {
            if (job == null) {
                continue;
            }
            try {
                if (!job.getJobStatus().get(10, TimeUnit.SECONDS).isTerminalState()) {
                    job.cancel().get(30, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                LOG.warn("sandbox job did not cancel cleanly job={} reason={}", job.getJobID(), e.toString());
            }
        }
    }
}
