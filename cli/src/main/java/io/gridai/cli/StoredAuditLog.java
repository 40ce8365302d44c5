package io.gridai.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.gridai.model.AuditChainBreak;
import io.gridai.model.AuditEvent;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.TopicPositions;
import io.gridai.model.topic.Topics;

/**
 * The audit log as stored on {@code grid.audit}: every record from the beginning of the topic to the end it had when
 * reading began, in the order the broker keeps them (by partition, then offset), grouped into chains by record key,
 * each chain checked with {@link AuditEvent#firstBreak} in that order. Nothing is sorted: an event stored out of its
 * place is what a verifier must see. A record that is not an audit event (no key, no value, or bytes that do not
 * decode into a well-formed event) is a bad event of its chain too.
 */
final class StoredAuditLog {

    /** Where {@link #read} finds no key: the pseudo chain of keyless records. */
    static final String NO_CHAIN = "(no chain key)";

    /**
     * One record of the topic.
     *
     * @param chain      its key, the chain's name ({@link #NO_CHAIN} when it has none)
     * @param partition  its partition
     * @param offset     its offset
     * @param event      the audit event it holds; null when unreadable
     * @param unreadable why it is not an audit event; null when it is one
     */
    record Stored(String chain, int partition, long offset, AuditEvent event, String unreadable) {
    }

    /**
     * The first bad event of a chain.
     *
     * @param sequence  its sequence number; null when the record is unreadable
     * @param partition its partition
     * @param offset    its offset
     * @param problem   what is wrong: {@code altered}, {@code removed}, {@code reordered}, {@code duplicated},
     *                  {@code relinked} ({@link AuditChainBreak.Kind}) or {@code unreadable}
     * @param reason    in words
     */
    record BadEvent(Long sequence, int partition, long offset, String problem, String reason) {
    }

    /**
     * One chain as stored and its verdict.
     *
     * @param chain     its name (the record key)
     * @param events    how many records it has
     * @param firstTime the time of its first readable event
     * @param lastTime  the time of its last readable event
     * @param headHash  the hash of its last readable event, which a later check can be pinned to
     * @param headSequence the sequence number of that event
     * @param firstBad  its first bad event; empty when the chain is intact
     */
    record Chain(String chain, int events, Instant firstTime, Instant lastTime, String headHash, Long headSequence,
            Optional<BadEvent> firstBad) {

        boolean intact() {
            return firstBad.isEmpty();
        }
    }

    private final List<Stored> records;

    StoredAuditLog(List<Stored> records) {
        this.records = List.copyOf(records);
    }

    /**
     * Reads {@code grid.audit} from {@code bootstrap} to its present end.
     *
     * @throws ReadException when the broker does not answer or the topic cannot be read to its end within
     *                       {@code timeout}
     */
    static StoredAuditLog read(String bootstrap, Duration timeout) {
        Topic<String, AuditEvent> topic = Topics.GRID_AUDIT;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "gridai-audit-verify");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        List<Stored> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = TopicPositions.partitions(consumer, topic.name());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new ReadException("could not read " + topic.name() + " at " + bootstrap + " to its end within "
                            + timeout + " (" + found.size() + " records read); try a longer --timeout", null);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        found.add(decode(topic, r));
                    }
                }
            }
        } catch (KafkaException e) {
            throw new ReadException("could not read " + topic.name() + " at " + bootstrap + ": " + e.getMessage()
                    + "; check that the broker runs (./gridai status)", e);
        }
        // the broker's order: by partition, then offset (one partition: the order events were appended)
        found.sort(java.util.Comparator.comparingInt(Stored::partition).thenComparingLong(Stored::offset));
        return new StoredAuditLog(found);
    }

    private static Stored decode(Topic<String, AuditEvent> topic, ConsumerRecord<byte[], byte[]> r) {
        String chain = r.key() == null ? NO_CHAIN : topic.keySerde().deserializer().deserialize(topic.name(), r.key());
        if (r.key() == null) {
            return new Stored(chain, r.partition(), r.offset(), null, "no record key; every audit event is keyed by"
                    + " its chain's name");
        }
        if (r.value() == null) {
            return new Stored(chain, r.partition(), r.offset(), null, "no value (a tombstone), where an audit event"
                    + " belongs");
        }
        try {
            return new Stored(chain, r.partition(), r.offset(),
                    topic.valueSerde().deserializer().deserialize(topic.name(), r.value()), null);
        } catch (RuntimeException e) { // whatever the bytes are, they are not a well-formed audit event
            return new Stored(chain, r.partition(), r.offset(), null, "not a well-formed audit event: " + e.getMessage());
        }
    }

    /** Every record read, in the broker's order. */
    List<Stored> records() {
        return records;
    }

    /** The names of the chains found, in the order their first records are stored. */
    List<String> chainNames() {
        return byChain().keySet().stream().toList();
    }

    /** Each chain (or only {@code only}, when given) with its verdict, in the order their first records are stored. */
    List<Chain> verify(Optional<String> only) {
        List<Chain> chains = new ArrayList<>();
        byChain().forEach((name, stored) -> {
            if (only.isEmpty() || only.get().equals(name)) {
                chains.add(verifyChain(name, stored));
            }
        });
        return chains;
    }

    private Map<String, List<Stored>> byChain() {
        Map<String, List<Stored>> chains = new LinkedHashMap<>();
        for (Stored s : records) {
            chains.computeIfAbsent(s.chain(), k -> new ArrayList<>()).add(s);
        }
        return chains;
    }

    static Chain verifyChain(String name, List<Stored> stored) {
        List<Stored> readable = stored.stream().filter(s -> s.event() != null).toList();
        List<AuditEvent> events = readable.stream().map(Stored::event).toList();
        Optional<BadEvent> bad = AuditEvent.firstBreak(events).map(b -> {
            Stored at = readable.get(b.index());
            return new BadEvent(b.sequence(), at.partition(), at.offset(),
                    b.kind().name().toLowerCase(java.util.Locale.ROOT), b.reason());
        });
        Optional<Stored> unreadable = stored.stream().filter(s -> s.event() == null).findFirst();
        if (unreadable.isPresent() && (bad.isEmpty() || isBefore(unreadable.get(), bad.get()))) {
            Stored u = unreadable.get();
            bad = Optional.of(new BadEvent(null, u.partition(), u.offset(), "unreadable", u.unreadable()));
        }
        AuditEvent first = events.isEmpty() ? null : events.get(0);
        AuditEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
        return new Chain(name, stored.size(), first == null ? null : first.time(), last == null ? null : last.time(),
                last == null ? null : last.hash(), last == null ? null : last.sequence(), bad);
    }

    private static boolean isBefore(Stored s, BadEvent b) {
        return s.partition() < b.partition() || (s.partition() == b.partition() && s.offset() < b.offset());
    }

    /** The log could not be read. */
    static final class ReadException extends RuntimeException {
        ReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
