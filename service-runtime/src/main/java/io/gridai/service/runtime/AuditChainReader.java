package io.gridai.service.runtime;

import io.gridai.model.AuditEvent;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.topic.TopicPositions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one audit chain from {@code grid.audit} (key = chain name), so that a service that writes the chain can
 * continue it after a restart with {@link AuditEvent#append} and keep it verifiable ({@link AuditEvent#verify}). One
 * writer per chain name: two would fork it.
 */
public final class AuditChainReader {

    private AuditChainReader() {
    }

    /**
     * The chain's events in sequence order, read from the beginning of the topic to the end it had when reading began.
     *
     * @param clientId the reading consumer's client id
     * @throws ChainReadException when the topic cannot be read to its end within {@code timeout}, or Kafka fails
     */
    public static List<AuditEvent> read(Map<String, Object> kafka, String chain, String clientId, Duration timeout) {
        Topic<String, AuditEvent> topic = Topics.GRID_AUDIT;
        List<AuditEvent> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(KafkaClientProperties.assigningConsumer(kafka, clientId),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = TopicPositions.partitions(c, topic.name());
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new ChainReadException("could not read " + topic.name() + " to its end within " + timeout
                            + " to continue the audit chain " + chain + "; check that the broker runs", null);
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.value() != null
                            && chain.equals(topic.keySerde().deserializer().deserialize(topic.name(), r.key()))) {
                        found.add(topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
                    }
                }
            }
        } catch (KafkaException e) {
            throw new ChainReadException("could not read the audit chain " + chain + " from " + topic.name() + ": "
                    + e.getMessage(), e);
        }
        found.sort(Comparator.comparingLong(AuditEvent::sequence));
        return found;
    }

    /** The chain could not be read. */
    public static final class ChainReadException extends RuntimeException {
        public ChainReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
