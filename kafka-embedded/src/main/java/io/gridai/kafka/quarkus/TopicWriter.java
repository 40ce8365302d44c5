package io.gridai.kafka.quarkus;

import io.gridai.model.topic.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * For tests on the broker of {@link KafkaBrokerTestResource}: writes records to a registry topic with its serdes, as
 * the service that owns the topic would, and returns once the broker acknowledged every one ({@code acks=all}). The
 * counterpart of {@link TopicTail}.
 */
public final class TopicWriter {

    private TopicWriter() {
    }

    /** One record. */
    public static <K, V> void send(Topic<K, V> topic, K key, V value) {
        sendAll(topic, java.util.Collections.singletonList(key), List.of(value));
    }

    /** The records in order, through one producer, keyed by {@code key}; returns when all are acknowledged. */
    public static <K, V> void sendAll(Topic<K, V> topic, List<V> values, Function<V, K> key) {
        sendAll(topic, values.stream().map(key).toList(), values);
    }

    /** The records in order, {@code keys.get(i)} for {@code values.get(i)}; returns when all are acknowledged. */
    public static <K, V> void sendAll(Topic<K, V> topic, List<K> keys, List<V> values) {
        if (keys.size() != values.size()) {
            throw new IllegalArgumentException(keys.size() + " keys for " + values.size() + " values");
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerTestResource.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(p, topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                sent.add(producer.send(new ProducerRecord<>(topic.name(), keys.get(i), values.get(i))));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new AssertionError("the test broker refused a record for " + topic.name() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while writing to " + topic.name(), e);
        }
    }
}
