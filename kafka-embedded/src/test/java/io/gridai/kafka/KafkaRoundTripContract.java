package io.gridai.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import io.gridai.model.ActorType;
import io.gridai.model.AuditEvent;
import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;

/**
 * Typed records go through a real broker over a socket and come back equal, with each key's order kept.
 * Implementations say which broker: the embedded KRaft broker by default, Testcontainers in its profile.
 */
abstract class KafkaRoundTripContract {

    private static final Duration POLL_BUDGET = Duration.ofSeconds(30);

    /** {@code bootstrap.servers} of the broker under test, with the registry's topics created. */
    protected abstract String bootstrapServers();

    @Test
    void measurementsRoundTripThroughTelemetryRaw() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SourceId source = SourceId.of("roundtrip-" + UUID.randomUUID());
        List<Measurement> sent = IntStream.range(0, 200)
                .mapToObj(i -> Measurement.of(source, AssetId.of("gen-" + (i % 4)), MeasurementKind.ACTIVE_POWER,
                        1_000 + i, Unit.KILOWATT, t0.plusMillis(i * 100L), t0.plusMillis(i * 100L + 5)))
                .toList();

        List<Measurement> received = roundTrip(Topics.TELEMETRY_RAW, sent, Measurement::asset,
                m -> m.source().equals(source));

        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(received.get(0).value()).as("kW converted to the kind's MW").isBetween(1.0, 1.2);
        for (int asset = 0; asset < 4; asset++) {
            AssetId id = AssetId.of("gen-" + asset);
            assertThat(received.stream().filter(m -> m.asset().equals(id)).map(Measurement::eventTime).toList())
                    .as("per-asset order on %s", id)
                    .isSorted();
        }
    }

    @Test
    void setpointsAndAuditEventsRoundTrip() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String issuer = "roundtrip-" + UUID.randomUUID();
        List<Setpoint> setpoints = List.of(
                new Setpoint(SetpointId.random(), AssetId.of("bess-1"), MeasurementKind.ACTIVE_POWER, -12.5,
                        now, now.plusSeconds(300), SetpointOrigin.STORAGE_MANAGER, Optional.empty(), issuer, now),
                new Setpoint(SetpointId.random(), AssetId.of("gen-7"), MeasurementKind.ACTIVE_POWER, 80.0,
                        now, now.plusSeconds(900), SetpointOrigin.OPTIMISER, Optional.empty(), issuer, now));
        assertThat(roundTrip(Topics.GRID_SETPOINTS, setpoints, Setpoint::asset, s -> s.issuedBy().equals(issuer)))
                .containsExactlyInAnyOrderElementsOf(setpoints);

        String chain = "roundtrip-" + UUID.randomUUID();
        String operator = "operator-" + UUID.randomUUID();
        AuditEvent first = AuditEvent.append(null, now, ActorType.OPERATOR, operator, "setpoint.override", "gen-7",
                Map.of("target", "80.0"));
        AuditEvent second = AuditEvent.append(first, now.plusMillis(1), ActorType.OPERATOR, operator, "alert.acknowledge",
                "alert-1", Map.of());
        List<AuditEvent> audit = roundTrip(Topics.GRID_AUDIT, List.of(first, second), e -> chain,
                e -> e.actor().equals(operator));
        assertThat(audit).as("one partition keeps the chain's order").containsExactly(first, second);
        assertThat(AuditEvent.verify(audit).intact()).isTrue();
    }

    private <K, V> List<V> roundTrip(Topic<K, V> topic, List<V> values, java.util.function.Function<V, K> key,
            java.util.function.Predicate<V> mine) {
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        List<RecordMetadata> acks = new ArrayList<>();
        try (var producer = new KafkaProducer<>(producerProps, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            var futures = values.stream()
                    .map(v -> producer.send(new ProducerRecord<>(topic.name(), key.apply(v), v)))
                    .toList();
            producer.flush();
            for (var f : futures) {
                acks.add(f.get());
            }
        } catch (Exception e) {
            throw new AssertionError("producing to " + topic.name() + " failed", e);
        }
        assertThat(acks).hasSize(values.size()).allMatch(m -> m.offset() >= 0);

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "roundtrip-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<V> received = new ArrayList<>();
        long deadline = System.nanoTime() + POLL_BUDGET.toNanos();
        try (var consumer = new KafkaConsumer<>(consumerProps, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            while (received.size() < values.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(500))) {
                    if (mine.test(record.value())) {
                        assertThat(record.key()).isEqualTo(key.apply(record.value()));
                        received.add(record.value());
                    }
                }
            }
        }
        assertThat(received).as("records read back from %s within %s", topic.name(), POLL_BUDGET).hasSize(values.size());
        return received;
    }
}
