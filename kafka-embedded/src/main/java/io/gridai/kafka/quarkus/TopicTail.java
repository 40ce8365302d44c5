package io.gridai.kafka.quarkus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.gridai.model.topic.Topic;

/**
 * For tests on the broker of {@link KafkaBrokerTestResource}: what was added to a registry topic since the tail was
 * opened. It remembers every partition's end offset and, on {@link #newRecords()}, reads exactly the records between
 * those offsets and the current end offsets, so a record acknowledged before the call is read, and a record written
 * twice is read twice.
 */
public final class TopicTail<K, V> implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaConsumer<K, V> consumer;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> start;

    private TopicTail(Topic<K, V> topic, boolean fromBeginning) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerTestResource.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        partitions = consumer.partitionsFor(topic.name()).stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        start = fromBeginning ? consumer.beginningOffsets(partitions) : consumer.endOffsets(partitions);
    }

    /** Starts watching the topic from its current end. */
    public static <K, V> TopicTail<K, V> of(Topic<K, V> topic) {
        return new TopicTail<>(topic, false);
    }

    /** Watches the whole topic. */
    public static <K, V> TopicTail<K, V> fromBeginning(Topic<K, V> topic) {
        return new TopicTail<>(topic, true);
    }

    /** Every record written to the topic since this tail was opened, partition by partition. */
    public List<ConsumerRecord<K, V>> newRecords() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        start.forEach(consumer::seek);
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(String.format("could not read up to the end offsets %s within %s; read %d records", end,
                        READ_TIMEOUT, records.size()));
            }
            for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
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
