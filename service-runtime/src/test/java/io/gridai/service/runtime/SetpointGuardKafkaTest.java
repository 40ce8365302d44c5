package io.gridai.service.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gridai.kafka.EmbeddedKafkaBroker;
import io.gridai.kafka.TopicProvisioner;
import io.gridai.kafka.junit.WithKafkaBroker;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SandboxId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.wire.WireFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guard fails closed on a real broker: a forbidden setpoint makes {@code send} throw and a {@code read_committed}
 * consumer of {@code grid.setpoints} sees nothing of it (the test reads up to a marker record sent after it, so it
 * proves the absence without waiting a fixed time); an allowed one to the sandbox's own topic is delivered.
 */
@WithKafkaBroker
class SetpointGuardKafkaTest {

    private static final SandboxId S1 = SandboxId.of("s1");
    private static final Topic<AssetId, Setpoint> REAL = Topics.GRID_SETPOINTS;
    private static final Topic<AssetId, Setpoint> S1_SETPOINTS = Topics.sandbox(S1).setpoints();
    private static final WireFormat<Setpoint> WIRE = WireFormat.of(Setpoint.class);

    @BeforeAll
    static void sandboxTopics(EmbeddedKafkaBroker broker) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.sandbox(S1).all());
        }
    }

    @Test
    void aSandboxedProducerCannotSendAnOptimiserSetpointToGridSetpointsButDeliversItToItsSandbox(EmbeddedKafkaBroker broker) {
        SetpointGuard guard = SetpointGuard.inSandbox(S1);
        Setpoint setpoint = SetpointGuardTest.optimiser();
        List<Setpoint> seen;
        try (KafkaProducer<byte[], byte[]> sandboxed = producer(broker, guard)) {
            Map<TopicPartition, Long> before = endOffsets(broker, REAL);

            assertThatThrownBy(() -> sandboxed.send(record(REAL, setpoint)))
                    .isInstanceOf(SetpointGuard.SetpointRefused.class)
                    .hasMessageContaining("runs in sandbox s1").hasMessageContaining("not to " + REAL.name());
            seen = readUpToMarker(broker, REAL, before, setpoint.asset());

            Map<TopicPartition, Long> sandboxBefore = endOffsets(broker, S1_SETPOINTS);
            Setpoint marked = guard.mark(setpoint);
            sandboxed.send(record(S1_SETPOINTS, marked));
            sandboxed.flush();
            assertThat(readAll(broker, S1_SETPOINTS, sandboxBefore, 1)).containsExactly(marked);
        }
        assertThat(seen).as("nothing but the marker on " + REAL.name()).singleElement()
                .satisfies(s -> assertThat(s.issuedBy()).isEqualTo("marker"));
        assertThat(guard.refusals()).isEqualTo(1);
    }

    @Test
    void aRealProducerCannotSendASandboxSetpointToGridSetpoints(EmbeddedKafkaBroker broker) {
        SetpointGuard guard = SetpointGuard.real();
        Setpoint fromSandbox = SetpointGuardTest.optimiser().inSandbox(S1);
        List<Setpoint> seen;
        try (KafkaProducer<byte[], byte[]> real = producer(broker, guard)) {
            Map<TopicPartition, Long> before = endOffsets(broker, REAL);

            assertThatThrownBy(() -> real.send(record(REAL, fromSandbox)))
                    .isInstanceOf(SetpointGuard.SetpointRefused.class)
                    .hasMessageContaining("decided in sandbox s1").hasMessageContaining("may go only to " + S1_SETPOINTS.name());
            seen = readUpToMarker(broker, REAL, before, fromSandbox.asset());
        }
        assertThat(seen).singleElement().satisfies(s -> assertThat(s.fromSandbox()).isFalse());
        assertThat(guard.refusals()).isEqualTo(1);
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafkaBroker broker, SetpointGuard guard) {
        Properties p = KafkaClientProperties.durableProducer(Map.of("bootstrap.servers", broker.bootstrapServers()), "guard-test");
        return new KafkaProducer<>(p, new ByteArraySerializer(), guard.valueSerializer());
    }

    private static ProducerRecord<byte[], byte[]> record(Topic<AssetId, Setpoint> topic, Setpoint s) {
        return new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), s.asset()), WIRE.encode(s));
    }

    /** Sends a real OPERATOR marker for the same asset (same partition) and returns what the topic holds up to it. */
    private static List<Setpoint> readUpToMarker(EmbeddedKafkaBroker broker, Topic<AssetId, Setpoint> topic,
            Map<TopicPartition, Long> from, AssetId asset) {
        Setpoint m = SetpointGuardTest.optimiser();
        Setpoint marker = new Setpoint(m.id(), asset, m.kind(), m.target(), m.validFrom(), m.validUntil(), SetpointOrigin.OPERATOR,
                m.proposal(), "marker", m.issuedAt());
        try (KafkaProducer<byte[], byte[]> plain = producer(broker, SetpointGuard.real())) {
            plain.send(record(topic, marker));
            plain.flush();
        }
        List<Setpoint> all = readAll(broker, topic, from, 1);
        assertThat(all).last().isEqualTo(marker);
        return all;
    }

    private static List<Setpoint> readAll(EmbeddedKafkaBroker broker, Topic<AssetId, Setpoint> topic,
            Map<TopicPartition, Long> from, int atLeast) {
        List<Setpoint> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(broker)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(WIRE.decode(r.value())));
                return out.size() >= atLeast;
            });
            Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> out.add(WIRE.decode(r.value())));
                return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return out;
    }

    private static Map<TopicPartition, Long> endOffsets(EmbeddedKafkaBroker broker, Topic<?, ?> topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(broker)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < topic.partitions(); p++) {
                partitions.add(new TopicPartition(topic.name(), p));
            }
            return consumer.endOffsets(partitions);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(EmbeddedKafkaBroker broker) {
        Properties p = KafkaClientProperties.assigningConsumer(Map.of("bootstrap.servers", broker.bootstrapServers()), "guard-test-reader");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
