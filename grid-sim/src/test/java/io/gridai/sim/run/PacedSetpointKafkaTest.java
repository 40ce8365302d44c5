package io.gridai.sim.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
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
import io.gridai.sim.twin.BatterySpec;
import io.gridai.sim.twin.GridTwin;
import io.gridai.sim.twin.LoadShape;
import io.gridai.sim.twin.ShapedCaseDrivers;
import io.gridai.sim.twin.TickResult;
import io.gridai.sim.twin.TwinSettings;

/**
 * A paced twin takes setpoints as they arrive while it waits for its next tick: a setpoint published late in the
 * wait between two ticks (after the consumer's fetch of the earlier tick has long returned, so a single
 * {@code poll(ZERO)} at tick time would not see it yet) applies at the very next tick. And a paced twin waiting
 * for a long tick stops promptly.
 */
@WithKafkaBroker
class PacedSetpointKafkaTest {

    private static final Instant T0 = Instant.parse("2020-07-01T12:00:00Z");
    /** 2 s of grid time at speed 1: a tick every 2 wall seconds. */
    private static final Duration TICK = Duration.ofSeconds(2);
    /** When the setpoint is published, after the tick before it was observed: well past the 500 ms of a fetch. */
    private static final Duration PUBLISH_AFTER = Duration.ofMillis(1000);
    private static final AssetId BATTERY = AssetId.of("bess-paced");

    /** A tick as the test saw it: its result and the wall time it was observed at. */
    private record Observed(TickResult result, long wallNanos) {
    }

    @Test
    void aSetpointPublishedWhileThePacedTwinWaitsAppliesAtTheVeryNextTick(@BootstrapServers String bootstrap)
            throws Exception {
        GridTwin twin = twin(TICK);
        String group = "grid-sim-paced-" + UUID.randomUUID();
        BlockingQueue<Observed> ticks = new LinkedBlockingQueue<>();
        SetpointTopicPosition.startAtEnd(bootstrap, group);
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        try (KafkaTwinLink link = new KafkaTwinLink(bootstrap, group);
                KafkaProducer<AssetId, Setpoint> producer = producer(bootstrap, Topics.GRID_SETPOINTS)) {
            producer.partitionsFor(Topics.GRID_SETPOINTS.name()); // metadata fetched before the clock matters
            GridTwinRunner runner = new GridTwinRunner(twin, SimClock.of(T0, TICK, 1), link);
            CompletableFuture<TwinRunStats> running = CompletableFuture.supplyAsync(
                    () -> runner.run(Long.MAX_VALUE, r -> ticks.add(new Observed(r, System.nanoTime()))));
            TwinRunStats stats;
            try {
                // The twin's consumer has joined its group and holds the setpoint partitions.
                awaitAssigned(bootstrap, group);
                ticks.clear();
                Observed k = next(ticks);
                assertThat(battery(k.result())).isZero();

                Instant now = k.result().time();
                Setpoint discharge = new Setpoint(SetpointId.random(), BATTERY, MeasurementKind.ACTIVE_POWER, 20, T0,
                        T0.plus(Duration.ofHours(1)), SetpointOrigin.OPERATOR, Optional.empty(), "paced-test", now);
                long[] published = new long[1];
                ScheduledFuture<?> publish = publisher.schedule(() -> {
                    producer.send(new ProducerRecord<>(Topics.GRID_SETPOINTS.name(), BATTERY, discharge)).get();
                    published[0] = System.nanoTime();
                    return null;
                }, PUBLISH_AFTER.toMillis(), TimeUnit.MILLISECONDS);

                Observed k1 = next(ticks);
                publish.get(30, TimeUnit.SECONDS);
                assertThat(k1.result().time()).isEqualTo(k.result().time().plus(TICK));
                assertThat(published[0] - k.wallNanos()).as("published late in the wait, past a fetch's 500 ms")
                        .isGreaterThanOrEqualTo(PUBLISH_AFTER.toNanos());
                assertThat(published[0]).as("published before tick k+1 was taken").isLessThan(k1.wallNanos());
                // Tick k+1 already has the battery at its target ...
                assertThat(battery(k1.result())).isEqualTo(20);
                // ... because the setpoint was taken and answered at tick k's grid time, just before tick k+1.
                SetpointAck ack = awaitAck(bootstrap, discharge.id());
                assertThat(ack.status()).isEqualTo(SetpointAckStatus.ACCEPTED);
                assertThat(ack.time()).isEqualTo(now);
            } finally {
                runner.stop();
                stats = running.get(30, TimeUnit.SECONDS);
            }
            assertThat(stats.setpoints()).isEqualTo(1);
        } finally {
            publisher.shutdownNow();
        }
    }

    @Test
    void aPacedTwinWaitingForALongTickStopsPromptly(@BootstrapServers String bootstrap) throws Exception {
        Duration longTick = Duration.ofMinutes(1);
        GridTwin twin = twin(longTick);
        BlockingQueue<Observed> ticks = new LinkedBlockingQueue<>();
        String group = "grid-sim-stop-" + UUID.randomUUID();
        try (KafkaTwinLink link = new KafkaTwinLink(bootstrap, group)) {
            GridTwinRunner runner = new GridTwinRunner(twin, SimClock.of(T0, longTick, 1), link);
            CompletableFuture<TwinRunStats> running = CompletableFuture.supplyAsync(
                    () -> runner.run(Long.MAX_VALUE, r -> ticks.add(new Observed(r, System.nanoTime()))));
            // The first tick is due a wall minute after the start; meanwhile the runner polls for setpoints (its
            // consumer joins the group) and is asked to stop.
            awaitAssigned(bootstrap, group);
            long asked = System.nanoTime();
            runner.stop();
            TwinRunStats stats = running.get(10, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("stop while waiting for a tick")
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(stats.ticks()).isZero();
            assertThat(ticks).isEmpty();
        }
    }

    private static GridTwin twin(Duration tick) {
        Optional<Path> data = SharedData.locate();
        assumeTrue(data.isPresent() && Files.exists(data.get().resolve("grid-cases/matpower/case118.m")),
                "shared data (grid-cases/matpower/case118.m) not found: skipping the paced setpoint test");
        MatpowerCase case118 = MatpowerCaseReader.read(data.get().resolve("grid-cases/matpower/case118.m"));
        BatterySpec battery = new BatterySpec(BATTERY, 12, 200, 50, 50, 0.95, 0.95, 0.05, 0.95, 0.5);
        return new GridTwin(case118, new ShapedCaseDrivers(case118, LoadShape.constant(), "constant"),
                TwinSettings.defaults().withTick(tick).withBatteries(List.of(battery)), T0);
    }

    private static Observed next(BlockingQueue<Observed> ticks) throws InterruptedException {
        Observed tick = ticks.poll(30, TimeUnit.SECONDS);
        assertThat(tick).as("a tick within 30 s").isNotNull();
        return tick;
    }

    private static double battery(TickResult tick) {
        return tick.measurements().stream()
                .filter(m -> m.asset().equals(BATTERY) && m.kind() == MeasurementKind.ACTIVE_POWER)
                .mapToDouble(Measurement::value).findFirst().orElseThrow();
    }

    private static void awaitAssigned(String bootstrap, String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                ConsumerGroupDescription d;
                try {
                    d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof GroupIdNotFoundException) {
                        return false; // not joined yet
                    }
                    throw e;
                }
                return d != null && d.members().stream().anyMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
        }
    }

    private static SetpointAck awaitAck(String bootstrap, SetpointId id) {
        Topic<AssetId, SetpointAck> topic = Topics.GRID_SETPOINT_ACKS;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "acks-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<SetpointAck> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(p, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<AssetId, SetpointAck> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value().setpoint().equals(id)) {
                        found.add(r.value());
                    }
                }
                return !found.isEmpty();
            });
        }
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static <K, V> KafkaProducer<K, V> producer(String bootstrap, Topic<K, V> topic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }
}
