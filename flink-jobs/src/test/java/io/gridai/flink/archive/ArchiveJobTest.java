package io.gridai.flink.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridai.flink.ArchiveJob;
import io.gridai.flink.config.ArchiveSettings;
import io.gridai.flink.config.JobSettings;
import io.gridai.flink.io.KafkaIo;
import io.gridai.kafka.junit.BootstrapServers;
import io.gridai.kafka.junit.WithKafkaBroker;
import io.gridai.model.Measurement;
import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.archive.ArchiveLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The archive job on a MiniCluster (parallelism 2) against the real embedded broker: what goes into the archived topics
 * comes out of committed Avro files, in its {@code date=/feed=} partition, exactly once, also across a failure.
 */
@WithKafkaBroker
class ArchiveJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Duration FILES = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(200);

    @Test
    void archivesEveryDatasetIntoItsDateAndFeedPartitions(@BootstrapServers String bootstrap) throws Exception {
        ArchiveFixture topics = ArchiveFixture.create(bootstrap, "archive-all");
        List<Measurement> measurements = ArchiveFixture.measurements(300, "a");
        topics.send(ArchiveDataset.TELEMETRY, measurements);
        topics.send(ArchiveDataset.FORECASTS, ArchiveFixture.forecasts());
        topics.send(ArchiveDataset.SETPOINTS, ArchiveFixture.setpoints());
        topics.send(ArchiveDataset.ALERTS, ArchiveFixture.alerts());
        Path root = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "archive-");

        JobClient job = start(topics, root, "telemetry,forecasts,setpoints,alerts", ArchiveJob.Between.NOTHING);
        try {
            await().atMost(FILES).pollInterval(POLL).untilAsserted(() -> {
                assertThat(ArchiveContents.values(root, ArchiveDataset.TELEMETRY)).hasSameSizeAs(measurements);
                assertThat(ArchiveContents.values(root, ArchiveDataset.FORECASTS)).hasSize(4);
                assertThat(ArchiveContents.values(root, ArchiveDataset.SETPOINTS)).hasSize(4);
                assertThat(ArchiveContents.values(root, ArchiveDataset.ALERTS)).hasSize(4);
            });
            assertArchived(root, ArchiveDataset.TELEMETRY, measurements);
            assertArchived(root, ArchiveDataset.FORECASTS, ArchiveFixture.forecasts());
            assertArchived(root, ArchiveDataset.SETPOINTS, ArchiveFixture.setpoints());
            assertArchived(root, ArchiveDataset.ALERTS, ArchiveFixture.alerts());
            assertThat(ArchiveContents.read(root, ArchiveDataset.TELEMETRY)).extracting(ArchiveContents.Archived::directory)
                    .containsOnly("telemetry/date=2026-03-14/feed=scada-north", "telemetry/date=2026-03-15/feed=scada-north",
                            "telemetry/date=2026-03-14/feed=twin", "telemetry/date=2026-03-15/feed=twin");
            assertThat(ArchiveContents.hidden(root)).as("in-progress or pending files once all is committed").isEmpty();
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aRestartFromTheLastCheckpointArchivesEveryRecordExactlyOnce(@BootstrapServers String bootstrap)
            throws Exception {
        ArchiveFixture topics = ArchiveFixture.create(bootstrap, "archive-failure");
        List<Measurement> before = ArchiveFixture.measurements(1000, "before");
        List<Measurement> after = ArchiveFixture.measurements(2000, "after");
        Path root = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "archive-failure-");
        topics.send(ArchiveDataset.TELEMETRY, before);

        JobClient job = start(topics, root, "telemetry", new FailOnceArmed());
        try {
            // the first batch is committed: a checkpoint completed, its offsets are the restart point
            await().atMost(FILES).pollInterval(POLL).untilAsserted(() ->
                    assertThat(ArchiveContents.values(root, ArchiveDataset.TELEMETRY)).hasSameSizeAs(before));
            FailOnce.arm(after.size() / 3);
            topics.send(ArchiveDataset.TELEMETRY, after);

            List<Measurement> all = new ArrayList<>(before);
            all.addAll(after);
            await().atMost(FILES).pollInterval(POLL).untilAsserted(() ->
                    assertThat(ArchiveContents.values(root, ArchiveDataset.TELEMETRY)).hasSameSizeAs(all));
            assertThat(FailOnce.FAILED).as("the job failed once in the middle of the second batch").isTrue();
            assertArchived(root, ArchiveDataset.TELEMETRY, all);
            // what the failed attempt had written after the checkpoint stays as hidden in-progress files (Flink does
            // not delete them); readers of the layout skip them
            assertThat(ArchiveContents.hidden(root)).allSatisfy(file ->
                    assertThat(ArchiveLayout.isArchiveFile(file.getFileName().toString())).isFalse());
        } finally {
            job.cancel().get();
        }
    }

    /** Every value once, each in the partition of its date and feed, in files of the dataset's current schema. */
    private static <T> void assertArchived(Path root, ArchiveDataset<T> dataset, List<T> sent) {
        List<ArchiveContents.Archived<T>> archived = ArchiveContents.read(root, dataset);
        assertThat(archived).extracting(ArchiveContents.Archived::value).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(archived).allSatisfy(a -> {
            assertThat(a.directory()).isEqualTo(ArchiveLayout.partition(dataset,
                    ArchiveLayout.dateOf(dataset.timeOf(a.value())), dataset.feedOf(a.value())));
            assertThat(a.schema()).isEqualTo(dataset.format().currentSchema());
        });
    }

    private static JobClient start(ArchiveFixture topics, Path root, String datasets, ArchiveJob.Between between)
            throws Exception {
        Properties p = new Properties();
        p.setProperty("parallelism", "2");
        p.setProperty("archive.root", root.toUri().toString());
        p.setProperty("archive.datasets", datasets);
        p.setProperty("archive.group-id", topics.namespace());
        p.setProperty("archive.topic-namespace", topics.namespace());
        p.setProperty("archive.checkpoint.interval", "PT0.5S");
        JobSettings settings = JobSettings.from(p);
        ArchiveSettings archive = ArchiveSettings.from(p);
        StreamExecutionEnvironment env = ArchiveJob.environment(settings, archive, new Configuration());
        new ArchiveJob(archive, new KafkaIo(topics.bootstrap(), settings, false), between).addTo(env);
        return env.executeAsync(ArchiveJob.NAME + "-" + topics.namespace());
    }

    /** Puts {@link FailOnce} after the telemetry source. */
    private static final class FailOnceArmed implements ArchiveJob.Between {
        @Override
        public <T> DataStream<T> apply(ArchiveDataset<T> dataset, DataStream<T> records) {
            return records.map(new FailOnce<T>()).returns(records.getType()).uid("fail-once").name("fail once");
        }
    }

    /**
     * Throws once, at the {@code n}th record after {@link #arm}; state is static (the MiniCluster runs in this JVM).
     */
    private static final class FailOnce<T> implements MapFunction<T, T> {
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean FAILED = new AtomicBoolean();
        private static final AtomicLong COUNTDOWN = new AtomicLong(Long.MAX_VALUE);

        static void arm(long n) {
            COUNTDOWN.set(n);
        }

        @Override
        public T map(T value) {
            if (COUNTDOWN.decrementAndGet() == 0 && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure (the test's FailOnce)");
            }
            return value;
        }
    }
}
