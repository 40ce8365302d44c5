package io.gridai.ingestion;

import static org.assertj.core.api.Assertions.fail;

import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.model.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What a test added to a registry topic: remembers every partition's end offset when opened and, on
 * {@link #newRecords()}, reads exactly the records between those offsets and the current end offsets. The
 * service answers only after Kafka acknowledged a batch (acks=all), so by then the records are below the end
 * offsets; nothing needs to wait for "more" records, and a record written twice would be read twice.
 */
public final class TopicTail<K, V> implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaConsumer<K, V> consumer;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> start;

    private TopicTail(Topic<K, V> topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerTestResource.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "ingestion-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        partitions = consumer.partitionsFor(topic.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        start = consumer.endOffsets(partitions);
    }

    /**
     * Every value on the topic from its beginning up to its current end, partition by partition, read from the
     * broker at {@code bootstrapServers} (for tests whose broker is not {@link KafkaBrokerTestResource}'s).
     */
    public static <K, V> List<V> everything(Topic<K, V> topic, String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<V> values = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    fail("could not read %s up to the end offsets %s within %s", topic.name(), end, READ_TIMEOUT);
                }
                for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        values.add(record.value());
                    }
                }
            }
            return values;
        }
    }

    /** Starts watching the topic from its current end. */
    public static <K, V> TopicTail<K, V> of(Topic<K, V> topic) {
        return new TopicTail<>(topic);
    }

    /** Every record written to the topic since this tail was opened, partition by partition. */
    public List<ConsumerRecord<K, V>> newRecords() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        start.forEach(consumer::seek);
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                fail("could not read up to the end offsets %s within %s; read %d records", end, READ_TIMEOUT,
                        records.size());
            }
            for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(100))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < end.get(partition)) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    /** The values written since this tail was opened. */
    public List<V> newValues() {
        return newRecords().stream().map(ConsumerRecord::value).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
