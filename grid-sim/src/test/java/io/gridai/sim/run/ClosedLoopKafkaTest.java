package io.gridai.sim.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.gridai.kafka.junit.BootstrapServers;
import io.gridai.kafka.junit.WithKafkaBroker;
import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointAck;
import io.gridai.model.SetpointAckStatus;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerCaseReader;
import io.gridai.sim.clock.SimClock;
import io.gridai.sim.series.SharedData;
import io.gridai.sim.twin.FrequencyParameters;
import io.gridai.sim.twin.GridTwin;
import io.gridai.sim.twin.LoadShape;
import io.gridai.sim.twin.ShapedCaseDrivers;
import io.gridai.sim.twin.TwinSettings;

/**
 * The closed loop through a real broker: a setpoint produced to {@code grid.setpoints} raises a generator of
 * IEEE 118 by 50 MW; the twin acknowledges it on {@code grid.setpoint-acks}; its telemetry on
 * {@code telemetry.raw} shows the unit ramping, the slack giving way and frequency back at nominal.
 */
@WithKafkaBroker
class ClosedLoopKafkaTest {

    private static final Instant T0 = Instant.parse("2020-07-01T12:00:00Z");
    private static final Duration TICK = Duration.ofSeconds(5);

    @Test
    void aSetpointFromKafkaIsAcknowledgedOnKafkaAndShowsInTelemetry(@BootstrapServers String bootstrap) throws Exception {
        Optional<Path> data = SharedData.locate();
        assumeTrue(data.isPresent() && Files.exists(data.get().resolve("grid-cases/matpower/case118.m")),
                "shared data (grid-cases/matpower/case118.m) not found: skipping the closed-loop test");
        MatpowerCase case118 = MatpowerCaseReader.read(data.get().resolve("grid-cases/matpower/case118.m"));
        GridTwin twin = new GridTwin(case118, new ShapedCaseDrivers(case118, LoadShape.constant(), "constant"),
                TwinSettings.defaults().withTick(TICK), T0);
        AssetId slack = twin.slackAssets().get(0);
        AssetId unit = twin.controllableAssets().stream()
                .filter(a -> twin.limitsMw(a).orElseThrow()[1] - twin.outputMw(a).orElseThrow() > 60)
                .max(Comparator.comparingDouble(a -> twin.rampMwPerSecond(a).orElseThrow()))
                .orElseThrow();
        double p0 = twin.outputMw(unit).orElseThrow();
        double slack0 = twin.outputMw(slack).orElseThrow();
        double ramp = twin.rampMwPerSecond(unit).orElseThrow();
        String group = "grid-sim-" + UUID.randomUUID();

        Setpoint raise = new Setpoint(SetpointId.random(), unit, MeasurementKind.ACTIVE_POWER, p0 + 50, T0,
                T0.plusSeconds(24 * 3600), SetpointOrigin.OPERATOR, Optional.empty(), "closed-loop-test", T0);
        SetpointTopicPosition.startAtEnd(bootstrap, group); // other tests' setpoints are not this twin's
        send(bootstrap, Topics.GRID_SETPOINTS, unit, raise);

        long ticks = (long) Math.ceil((50 / ramp + 900) / TICK.toSeconds());
        try (KafkaTwinLink link = new KafkaTwinLink(bootstrap, group)) {
            GridTwinRunner runner = new GridTwinRunner(twin, SimClock.asFastAsPossible(T0, TICK), link);
            TwinRunStats stats = CompletableFuture.supplyAsync(() -> runner.run(ticks)).get(5, TimeUnit.MINUTES);
            assertThat(stats.setpoints()).isEqualTo(1);
            assertThat(stats.nonConverged()).isZero();
        }

        List<SetpointAck> acks = readAll(bootstrap, Topics.GRID_SETPOINT_ACKS, a -> a.setpoint().equals(raise.id()), 1);
        assertThat(acks).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(SetpointAckStatus.ACCEPTED);
            assertThat(a.effectiveTarget().orElseThrow()).isEqualTo(p0 + 50);
        });

        List<Measurement> telemetry = readAll(bootstrap, Topics.TELEMETRY_RAW,
                m -> (m.asset().equals(unit) || m.asset().equals(slack)) && m.kind() == MeasurementKind.ACTIVE_POWER
                        || m.asset().equals(GridTwin.SYSTEM) && m.kind() == MeasurementKind.FREQUENCY,
                (int) (3 * ticks));
        List<Measurement> unitP = series(telemetry, unit, MeasurementKind.ACTIVE_POWER);
        List<Measurement> slackP = series(telemetry, slack, MeasurementKind.ACTIVE_POWER);
        List<Measurement> frequency = series(telemetry, GridTwin.SYSTEM, MeasurementKind.FREQUENCY);

        // The unit ramps: never faster than its ramp rate, and ends 50 MW up.
        for (int i = 1; i < unitP.size(); i++) {
            assertThat(unitP.get(i).value() - unitP.get(i - 1).value()).isLessThanOrEqualTo(ramp * TICK.toSeconds() + 1e-6);
        }
        assertThat(last(unitP)).isCloseTo(p0 + 50, within(1e-6));
        assertThat(unitP.stream().filter(m -> m.value() > p0 + 1e-6 && m.value() < p0 + 50 - 1e-6).count())
                .as("intermediate values while ramping").isGreaterThan(1);
        // The slack gives way by about the same amount (losses change a little).
        assertThat(slack0 - last(slackP)).isCloseTo(50, within(5.0));
        // Frequency moved, then returned to nominal.
        double nominal = FrequencyParameters.DEFAULT_NOMINAL_HZ;
        assertThat(frequency.stream().mapToDouble(m -> Math.abs(m.value() - nominal)).max().orElseThrow()).isGreaterThan(1e-4);
        assertThat(last(frequency)).isCloseTo(nominal, within(1e-4));
    }

    private static double last(List<Measurement> series) {
        return series.get(series.size() - 1).value();
    }

    private static List<Measurement> series(List<Measurement> all, AssetId asset, MeasurementKind kind) {
        return all.stream().filter(m -> m.asset().equals(asset) && m.kind() == kind)
                .sorted(Comparator.comparing(Measurement::eventTime)).toList();
    }

    private static <K, V> void send(String bootstrap, Topic<K, V> topic, K key, V value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(p, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    private static <K, V> List<V> readAll(String bootstrap, Topic<K, V> topic, java.util.function.Predicate<V> keep,
            int expectedAtLeast) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<V> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int emptyPolls = 0;
        try (var consumer = new KafkaConsumer<>(p, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            while (System.nanoTime() < deadline && (out.size() < expectedAtLeast || emptyPolls < 3)) {
                var records = consumer.poll(Duration.ofMillis(500));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<K, V> r : records) {
                    if (keep.test(r.value())) {
                        out.add(r.value());
                    }
                }
            }
        }
        return out;
    }
}
