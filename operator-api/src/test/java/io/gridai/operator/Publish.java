package io.gridai.operator;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.model.Alert;
import io.gridai.model.AlertState;
import io.gridai.model.AlertType;
import io.gridai.model.Severity;
import io.gridai.model.id.AlertId;
import io.gridai.model.id.AssetId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes alerts as the Flink jobs would, to the test broker, waiting for each acknowledgement. */
final class Publish {

    private Publish() {
    }

    /** A voltage alert on {@code asset} at {@code time}, with a fresh id. */
    static Alert alert(String asset, AlertState state, Instant time) {
        Alert alert = new Alert(AlertId.random(), AssetId.of(asset), AlertType.VOLTAGE_HIGH, Severity.WARNING, state,
                MeasurementKind.VOLTAGE, 145.0, 140.0, time, asset + " VOLTAGE 145 kV above the limit 140 kV");
        send(Topics.GRID_ALERTS, alert.asset(), alert);
        return alert;
    }

    /** {@code count} records made by {@code make}, sent together through one producer, all acknowledged. */
    static <K, V> void many(Topic<K, V> topic, int count, java.util.function.IntFunction<V> make,
            java.util.function.Function<V, K> key) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerTestResource.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            java.util.List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                V value = make.apply(i);
                sent.add(producer.send(new ProducerRecord<>(topic.name(),
                        topic.keySerde().serializer().serialize(topic.name(), key.apply(value)),
                        topic.valueSerde().serializer().serialize(topic.name(), value))));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the test broker refused a record: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static <K, V> void send(Topic<K, V> topic, K key, V value) {
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
