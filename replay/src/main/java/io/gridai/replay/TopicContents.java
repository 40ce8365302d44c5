package io.gridai.replay;

import io.gridai.model.topic.Topic;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything committed to a topic, partition by partition, in offset order: what a replay produced. Two replays
 * are <i>byte-identical</i> when, partition by partition, the records' keys and values are the same bytes in the
 * same order ({@link #sha256}); offsets themselves may differ (Kafka transaction markers sit between records where
 * checkpoints happened to fall) and are not compared.
 *
 * @param topic      the topic's name
 * @param partitions per partition, its records in offset order
 */
public record TopicContents(String topic, Map<Integer, List<Entry>> partitions) {

    /** One record: key and value bytes and the record's timestamp (event time for the jobs' outputs). */
    public record Entry(byte[] key, byte[] value, long timestamp) {
    }

    /** Reads {@code topic} from the beginning to its end offsets (read_committed). */
    public static TopicContents read(String bootstrap, Topic<?, ?> topic, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts, timeout);
            Map<Integer, List<Entry>> out = new TreeMap<>();
            parts.forEach(tp -> out.put(tp.partition(), new ArrayList<>()));
            Instant deadline = Instant.now().plus(timeout);
            while (parts.stream().anyMatch(tp -> consumer.position(tp, timeout) < ends.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new ReplayException("could not read " + topic.name() + " to its end within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.get(r.partition()).add(new Entry(r.key(), r.value(), r.timestamp()));
                }
            }
            return new TopicContents(topic.name(), out);
        }
    }

    /** The values, decoded with the topic's serde, in partition then offset order. */
    public <V> List<V> values(Topic<?, V> typed) {
        List<V> values = new ArrayList<>();
        partitions.values().forEach(entries -> entries.forEach(e ->
                values.add(typed.valueSerde().deserializer().deserialize(typed.name(), e.value()))));
        return values;
    }

    public long count() {
        return partitions.values().stream().mapToLong(List::size).sum();
    }

    /**
     * SHA-256 over every partition's records in order: partition number, then per record the key's and the value's
     * length and bytes (a null key counts as length -1).
     */
    public String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<Integer, List<Entry>> partition : partitions.entrySet()) {
                digest.update(ByteBuffer.allocate(4).putInt(partition.getKey()).array());
                for (Entry e : partition.getValue()) {
                    update(digest, e.key());
                    update(digest, e.value());
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void update(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            digest.update(bytes);
        }
    }
}
