package io.gridai.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridai.flink.config.JobSettings;
import io.gridai.flink.io.KafkaIo;
import io.gridai.kafka.junit.BootstrapServers;
import io.gridai.kafka.junit.WithKafkaBroker;
import io.gridai.model.Aggregate;
import io.gridai.model.AggregateScope;
import io.gridai.model.Measurement;
import io.gridai.model.unit.MeasurementKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stops the job mid-stream with a savepoint, sends the rest of the readings while it is down, restores it from the
 * savepoint, and reads the outputs with read_committed: every reading is cleaned once and every window aggregated
 * exactly once, with all its readings.
 */
@WithKafkaBroker
class ExactlyOnceRestoreTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Duration RESULTS = Duration.ofSeconds(120);
    private static final int TICKS = 300;

    @Test
    void stopWithSavepointAndRestoreWritesEveryAggregateExactlyOnce(@BootstrapServers String bootstrap) throws Exception {
        KafkaTestTopics run = KafkaTestTopics.create(bootstrap, "restore");
        JobSettings settings = JobSettings.from(TestGrid.settings("restore"));
        Path savepoints = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "savepoints-");

        run.send(TestGrid.steady(0, TICKS / 2));
        // Moves every partition's watermark to the middle, so the first half's windows close before the stop.
        run.sendToEveryPartition(TestGrid.reading("marker", MeasurementKind.FREQUENCY, 60,
                TestGrid.T0.plus(TestGrid.TICK.multipliedBy(TICKS / 2))));
        JobClient first = start(run, settings, Optional.empty());
        await().atMost(RESULTS).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(oneSecondVoltages(run)).as("1 s aggregates before the stop").hasSizeGreaterThan(3));
        String savepoint = first.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get();

        run.send(TestGrid.steady(TICKS / 2, TICKS));
        JobClient restored = start(run, settings, Optional.of(savepoint));
        try {
            checkExactlyOnce(run);
        } finally {
            restored.cancel().get();
        }
    }

    private static void checkExactlyOnce(KafkaTestTopics run) {
        int readings = TICKS * 5 + 1;
        await().atMost(RESULTS).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(run.committed(run.topics().clean())).as("clean readings").hasSize(readings));
        run.sendToEveryPartition(TestGrid.flush());
        await().atMost(RESULTS).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(run.committed(run.topics().aggregates())).as("the 1-minute aggregate")
                        .anyMatch(a -> a.window().equals(Duration.ofMinutes(1)) && a.subject().equals("bus-101")
                                && a.kind() == MeasurementKind.VOLTAGE_PU));

        List<Measurement> clean = run.committed(run.topics().clean());
        assertThat(clean).extracting(Measurement::id).doesNotHaveDuplicates();
        List<Aggregate> aggregates = run.committed(run.topics().aggregates()).stream()
                .filter(a -> a.windowStart().isBefore(TestGrid.FLUSH_TIME)).toList();
        Map<String, Long> emitted = aggregates.stream().collect(Collectors.groupingBy(
                a -> a.scope() + "/" + a.subject() + "/" + a.kind() + "/" + a.windowStart() + "/" + a.window(),
                Collectors.counting()));
        assertThat(emitted).as("times each window was emitted").allSatisfy((window, times) -> assertThat(times).isOne());
        assertThat(oneSecondVoltages(run)).hasSize(TICKS / 10)
                .allSatisfy(a -> assertThat(a.count()).as("readings in %s", a.windowStart()).isEqualTo(10));
        assertThat(aggregates).filteredOn(a -> a.window().equals(Duration.ofMinutes(1)) && a.scope() == AggregateScope.ZONE
                && a.kind() == MeasurementKind.ACTIVE_POWER).singleElement()
                .satisfies(a -> assertThat(a.count()).isEqualTo(2L * TICKS));
    }

    private static List<Aggregate> oneSecondVoltages(KafkaTestTopics run) {
        return run.committed(run.topics().aggregates()).stream()
                .filter(a -> a.scope() == AggregateScope.ASSET && a.subject().equals("bus-101")
                        && a.kind() == MeasurementKind.VOLTAGE_PU && a.window().equals(Duration.ofSeconds(1)))
                .collect(Collectors.toMap(Aggregate::windowStart, Function.identity(), (a, b) -> {
                    throw new AssertionError("window emitted twice: " + a + " and " + b);
                })).values().stream().toList();
    }

    private static JobClient start(KafkaTestTopics run, JobSettings settings, Optional<String> savepoint) throws Exception {
        Configuration conf = new Configuration();
        savepoint.ifPresent(path -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path));
        StreamExecutionEnvironment env = GridStreamingJob.environment(settings, conf);
        new GridStreamingJob(settings, run.topics(), new KafkaIo(run.bootstrap(), settings, false), Optional.empty())
                .addTo(env);
        return env.executeAsync(GridStreamingJob.NAME + "-restore");
    }
}
