package io.gridai.storage.service;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
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
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes what a plant and the optimiser would, to the test broker, waiting for each acknowledgement. */
final class Publish {

    static final SourceId PLANT = SourceId.of("test-plant");

    private Publish() {
    }

    static void soc(String asset, double percent, Instant t) {
        send(Topics.TELEMETRY_RAW, AssetId.of(asset), Measurement.of(PLANT, AssetId.of(asset),
                MeasurementKind.STATE_OF_CHARGE, percent, Unit.PERCENT, t, t));
    }

    static void frequency(double hz, Instant t) {
        send(Topics.TELEMETRY_RAW, AssetId.of("system"), Measurement.of(PLANT, AssetId.of("system"),
                MeasurementKind.FREQUENCY, hz, Unit.HERTZ, t, t));
    }

    static void schedule(String asset, double mw, Instant from, Instant until) {
        send(Topics.GRID_STORAGE_SCHEDULES, AssetId.of(asset), new Setpoint(SetpointId.random(), AssetId.of(asset),
                MeasurementKind.ACTIVE_POWER, mw, from, until, SetpointOrigin.OPTIMISER, Optional.empty(),
                "dispatch-optimizer", from));
    }

    private static <K, V> void send(Topic<K, V> topic, K key, V value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerTestResource.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), key),
                    topic.valueSerde().serializer().serialize(topic.name(), value))).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the test broker refused a record: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
