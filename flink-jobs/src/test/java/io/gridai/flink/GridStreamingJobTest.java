package io.gridai.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridai.flink.config.JobSettings;
import io.gridai.flink.io.KafkaIo;
import io.gridai.flink.live.LiveStateKeys;
import io.gridai.flink.live.LiveStateTarget;
import io.gridai.kafka.junit.BootstrapServers;
import io.gridai.kafka.junit.WithKafkaBroker;
import io.gridai.model.Aggregate;
import io.gridai.model.AggregateScope;
import io.gridai.model.Alert;
import io.gridai.model.AlertState;
import io.gridai.model.AlertType;
import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.wire.WireFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The streaming job on a Flink MiniCluster against the real broker: the same ten seconds of telemetry (see
 * {@link TestGrid}) in order into one job, shuffled and with duplicates into another, both running at once. One
 * job also keeps live state in a real Hazelcast member.
 */
@WithKafkaBroker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GridStreamingJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final Duration RESULTS = Duration.ofSeconds(120);

    private KafkaTestTopics sorted;
    private KafkaTestTopics shuffled;
    private HazelcastInstance hazelcast;
    private JobClient sortedJob;
    private JobClient shuffledJob;

    @BeforeAll
    void runBothJobs(@BootstrapServers String bootstrap) throws Exception {
        hazelcast = EmbeddedHazelcast.start("gridai-flink-test");
        sorted = KafkaTestTopics.create(bootstrap, "sorted");
        shuffled = KafkaTestTopics.create(bootstrap, "shuffled");
        sorted.send(TestGrid.sorted());
        shuffled.send(TestGrid.shuffledWithDuplicates(42));
        sortedJob = start(sorted, Optional.of(LiveStateTarget.client("gridai-flink-test",
                List.of(EmbeddedHazelcast.address(hazelcast)))));
        shuffledJob = start(shuffled, Optional.empty());
        int readings = TestGrid.sorted().size();
        for (KafkaTestTopics run : List.of(sorted, shuffled)) {
            await().atMost(RESULTS).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(run.committed(run.topics().clean())).as("clean readings of %s", run.topics().clean().name())
                            .hasSize(readings));
            run.sendToEveryPartition(TestGrid.flush());
        }
        for (KafkaTestTopics run : List.of(sorted, shuffled)) {
            await().atMost(RESULTS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertHasAll(run));
        }
    }

    private static JobClient start(KafkaTestTopics run, Optional<LiveStateTarget> live) throws Exception {
        String namespace = run.topics().raw().name().split("\\.")[0];
        JobSettings settings = JobSettings.from(TestGrid.settings(namespace));
        StreamExecutionEnvironment env = GridStreamingJob.environment(settings, new Configuration());
        new GridStreamingJob(settings, run.topics(), new KafkaIo(run.bootstrap(), settings, false), live).addTo(env);
        return env.executeAsync(GridStreamingJob.NAME + "-" + namespace);
    }

    /** The 1-minute window and the 5-minute zone loads come last: the watermark passed every window of the data. */
    private static void assertHasAll(KafkaTestTopics run) {
        List<Aggregate> aggregates = run.committed(run.topics().aggregates());
        assertThat(aggregates).as("aggregates in %s", run.topics().aggregates().name())
                .anyMatch(a -> a.window().equals(Duration.ofMinutes(1)) && a.scope() == AggregateScope.ZONE
                        && a.subject().equals("zone-3") && a.windowStart().equals(TestGrid.T0));
        assertThat(run.committed(run.topics().zoneLoad())).as("zone loads in %s", run.topics().zoneLoad().name())
                .extracting(z -> z.zone().value()).contains("zone-1", "zone-3");
    }

    @AfterAll
    void stop() throws Exception {
        for (JobClient job : new JobClient[] {sortedJob, shuffledJob}) {
            if (job != null) {
                job.cancel().get();
            }
        }
        if (hazelcast != null) {
            hazelcast.shutdown();
        }
    }

    @Test
    void outOfOrderInputWithDuplicatesGivesTheSameAggregatesAsSortedInput() {
        Set<Aggregate> inOrder = dataAggregates(sorted);
        Set<Aggregate> outOfOrder = dataAggregates(shuffled);

        // 10 kinds of asset readings per tick: asset windows of 1 s and 1 min, substation and zone windows too.
        assertThat(inOrder).hasSizeGreaterThan(100);
        assertThat(outOfOrder).containsExactlyInAnyOrderElementsOf(inOrder);
        assertThat(dataZoneLoads(shuffled)).containsExactlyInAnyOrderElementsOf(dataZoneLoads(sorted));
    }

    @Test
    void duplicatesAreCountedOnce() {
        List<Aggregate> oneSecond = shuffled.committed(shuffled.topics().aggregates()).stream()
                .filter(a -> a.scope() == AggregateScope.ASSET && a.subject().equals("bus-101")
                        && a.kind() == MeasurementKind.VOLTAGE_PU && a.window().equals(Duration.ofSeconds(1)))
                .toList();
        assertThat(oneSecond).hasSize(10).allSatisfy(a -> assertThat(a.count()).isEqualTo(10));
        List<Measurement> clean = shuffled.committed(shuffled.topics().clean());
        assertThat(clean).extracting(Measurement::id).doesNotHaveDuplicates();
        assertThat(clean).hasSize(TestGrid.sorted().size() + 1);
    }

    @Test
    void zoneTotalsSumTheMeansOfTheZonesLoads() {
        ZoneLoad zone1 = dataZoneLoads(sorted).stream().filter(z -> z.zone().value().equals("zone-1")).findFirst()
                .orElseThrow();
        // load-101 averages -(50 + 1.125) MW, load-102 -(20 + 1.0) MW over the 10 s they report in the window.
        assertThat(zone1.activePowerMw()).isEqualTo(-(51.125 + 21.0));
        assertThat(zone1.assets()).isEqualTo(2);
        assertThat(zone1.readings()).isEqualTo(200);
        assertThat(zone1.window()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aStuckSensorAndAGapAreFlagged() {
        List<Measurement> clean = sorted.committed(sorted.topics().clean());
        List<Measurement> stuckVoltage = clean.stream()
                .filter(m -> m.asset().value().equals("bus-301") && m.kind() == MeasurementKind.VOLTAGE_PU)
                .sorted(TestGrid.byEventTime()).toList();
        assertThat(stuckVoltage).hasSize(TestGrid.TICKS);
        assertThat(stuckVoltage.subList(0, TestGrid.STUCK_READINGS - 1))
                .noneMatch(m -> m.quality().contains(QualityFlag.STUCK));
        assertThat(stuckVoltage.subList(TestGrid.STUCK_READINGS - 1, TestGrid.TICKS))
                .allMatch(m -> m.quality().contains(QualityFlag.STUCK));
        assertThat(clean).filteredOn(m -> m.asset().value().equals("bus-301") && m.kind() == MeasurementKind.VOLTAGE_ANGLE)
                .noneMatch(m -> m.quality().contains(QualityFlag.STUCK));

        List<Measurement> gaps = clean.stream().filter(m -> m.quality().contains(QualityFlag.GAP))
                .filter(m -> m.eventTime().isBefore(TestGrid.FLUSH_TIME)).toList();
        assertThat(gaps).singleElement().satisfies(m -> {
            assertThat(m.asset()).isEqualTo(AssetId.of("load-301"));
            assertThat(m.eventTime()).isEqualTo(TestGrid.T0.plusSeconds(6));
        });
    }

    @Test
    void anImpossibleValueIsFlaggedAndKeptOutOfAggregates() {
        Instant impossible = TestGrid.T0.plusSeconds(5);
        assertThat(sorted.committed(sorted.topics().clean()))
                .filteredOn(m -> m.asset().value().equals("bus-201") && m.eventTime().equals(impossible)
                        && m.kind() == MeasurementKind.VOLTAGE_PU)
                .singleElement().satisfies(m -> assertThat(m.quality()).containsExactly(QualityFlag.OUT_OF_RANGE));
        assertThat(dataAggregates(sorted)).filteredOn(a -> a.subject().equals("bus-201")
                && a.kind() == MeasurementKind.VOLTAGE_PU).allSatisfy(a -> assertThat(a.max()).isLessThan(2));
    }

    @Test
    void aVoltageExcursionRaisesExactlyOneAlertAndOneClear() {
        for (KafkaTestTopics run : List.of(sorted, shuffled)) {
            List<Alert> alerts = run.committed(run.topics().alerts());
            assertThat(alerts).as("alerts of %s", run.topics().alerts().name()).hasSize(2);
            assertThat(alerts).extracting(Alert::asset).containsOnly(AssetId.of("bus-201"));
            assertThat(alerts).extracting(Alert::type).containsOnly(AlertType.VOLTAGE_HIGH);
            assertThat(alerts).extracting(Alert::state).containsExactlyInAnyOrder(AlertState.RAISED, AlertState.CLEARED);
        }
        List<Alert> inOrder = sorted.committed(sorted.topics().alerts());
        Alert raised = inOrder.stream().filter(a -> a.state() == AlertState.RAISED).findFirst().orElseThrow();
        Alert cleared = inOrder.stream().filter(a -> a.state() == AlertState.CLEARED).findFirst().orElseThrow();
        assertThat(raised.time()).isEqualTo(TestGrid.T0.plusSeconds(3));
        assertThat(raised.value()).isEqualTo(1.0625);
        assertThat(raised.limit()).isEqualTo(1.05);
        assertThat(cleared.time()).isEqualTo(TestGrid.T0.plusMillis(4_500));
    }

    @Test
    void aReadingLaterThanTheAllowedLatenessGoesToTheLateTopic() {
        Measurement late = TestGrid.reading("bus-101", MeasurementKind.VOLTAGE_PU, 0.97, TestGrid.T0.plusMillis(1_050));
        sorted.send(List.of(late));

        await().atMost(RESULTS).until(() -> !sorted.committed(sorted.topics().late()).isEmpty());
        assertThat(sorted.committed(sorted.topics().late())).singleElement()
                .isEqualTo(late.withFlag(QualityFlag.LATE));
        assertThat(sorted.committed(sorted.topics().clean())).noneMatch(m -> m.id().equals(late.id()));
    }

    @Test
    void theLatestCleanValuesAreInHazelcast() {
        IMap<String, byte[]> live = hazelcast.getMap("sorted-live");
        WireFormat<Measurement> format = WireFormat.of(Measurement.class);
        await().atMost(RESULTS).untilAsserted(() -> {
            byte[] frequency = live.get(LiveStateKeys.of(AssetId.of("system"), MeasurementKind.FREQUENCY));
            assertThat(frequency).isNotNull();
            // Three hours after the previous frequency reading: a gap.
            assertThat(format.decode(frequency)).isEqualTo(TestGrid.flush().withFlag(QualityFlag.GAP));
        });
        Measurement voltage = format.decode(live.get(LiveStateKeys.of(AssetId.of("bus-101"), MeasurementKind.VOLTAGE_PU)));
        assertThat(voltage.eventTime()).isEqualTo(TestGrid.T0.plus(TestGrid.TICK.multipliedBy(TestGrid.TICKS - 1)));
        // The impossible 7.0 p.u. never reaches live state; bus-201's last good voltage does.
        Measurement bus201 = format.decode(live.get(LiveStateKeys.of(AssetId.of("bus-201"), MeasurementKind.VOLTAGE_PU)));
        assertThat(bus201.value()).isEqualTo(1.0);
    }

    private static Set<Aggregate> dataAggregates(KafkaTestTopics run) {
        return only(run.committed(run.topics().aggregates()), a -> a.windowStart().isBefore(TestGrid.FLUSH_TIME.minusSeconds(3600)));
    }

    private static Set<ZoneLoad> dataZoneLoads(KafkaTestTopics run) {
        return only(run.committed(run.topics().zoneLoad()), z -> z.windowStart().isBefore(TestGrid.FLUSH_TIME.minusSeconds(3600)));
    }

    private static <T> Set<T> only(List<T> values, Predicate<T> keep) {
        Set<T> kept = new HashSet<>();
        for (T value : values) {
            assertThat(kept.add(value)).as("emitted once: %s", value).isTrue();
        }
        kept.removeIf(keep.negate());
        return kept;
    }
}
