package io.gridai.service.live;

import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.service.runtime.KafkaClientProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * One asset's measurements over an event-time range, read from {@code telemetry.clean} without loading the topic:
 * only the partition the asset's records are in (the topic's key serde and Kafka's default partitioner, murmur2 of
 * the key bytes, which is how flink-jobs' sink and every other producer of the topic key it), from where event time
 * reaches {@code from - timestamp-slack} (found by bisection over the partition's offsets when the scan is
 * {@linkplain #open opened}) to the first record with event time after {@code to + timestamp-slack}, the partition's
 * end as of the opening, or until the caller has enough. The partition is written in event-time order to within the
 * slack, whatever its records' write times (Flink's record timestamps are wall time at write, so a replay of old data
 * or a twin faster than real time has write times far from event times). The caller is handed the asset's records
 * whose event time is in [from, to) one at a time, in the partition's order; nothing is collected here.
 */
public final class AssetPartitionScan implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AssetPartitionScan.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Topic<AssetId, Measurement> TOPIC = Topics.TELEMETRY_CLEAN;

    /**
     * How a service reads.
     *
     * @param clientId       the consumer's client id (e.g. {@code gridai-operator-history})
     * @param timestampSlack how far event time may be out of order in the partition
     * @param timeout        how long each Kafka request, and finding where the range starts, may take
     * @param timeoutKey     the configuration key of {@code timeout}, named when it passes; empty when it is fixed
     */
    public record Settings(String clientId, Duration timestampSlack, Duration timeout, Optional<String> timeoutKey) {
    }

    /** Why a scan stopped. */
    public enum Stop {
        /** It reached the partition's end as of the opening. */
        END,
        /** It read a record with event time after {@code to + timestamp-slack}. */
        PAST_RANGE,
        /** The caller's visitor asked to stop. */
        ENOUGH,
        /** The deadline passed before the end. */
        DEADLINE
    }

    /** What the caller does with each of the asset's measurements in range; {@code false} stops the scan. */
    @FunctionalInterface
    public interface Visitor<E extends Exception> {
        boolean accept(Measurement m) throws E;
    }

    /** Finding where the range starts took longer than the timeout; the message names it. */
    public static final class SlowStartException extends RuntimeException {
        public SlowStartException(String message) {
            super(message, null, false, false);
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final AssetId asset;
    private final byte[] key;
    private final Settings settings;
    private final long first;
    private final long end;
    private final long deadline;
    private long scanned;
    private boolean closed;

    private AssetPartitionScan(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, AssetId asset,
            Settings settings, long first, long end, long deadline) {
        this.consumer = consumer;
        this.partition = partition;
        this.asset = asset;
        this.key = TOPIC.keySerde().serializer().serialize(TOPIC.name(), asset);
        this.settings = settings;
        this.first = first;
        this.end = end;
        this.deadline = deadline;
    }

    /** The partition of {@code telemetry.clean} that records keyed by {@code asset} are in, of {@code partitions}. */
    public static int partitionOf(AssetId asset, int partitions) {
        byte[] key = TOPIC.keySerde().serializer().serialize(TOPIC.name(), asset);
        return BuiltInPartitioner.partitionForKey(key, partitions);
    }

    /**
     * Opens a scan of {@code asset}'s partition positioned where event time reaches {@code from - timestamp-slack}.
     *
     * @param kafka the service's {@code kafka.*} configuration (service-runtime's {@link KafkaClientProperties})
     * @return empty when {@code telemetry.clean} does not exist
     * @throws org.apache.kafka.common.KafkaException when Kafka does not answer
     * @throws SlowStartException                     when finding the start takes longer than the timeout
     */
    public static Optional<AssetPartitionScan> open(Map<String, Object> kafka, Settings settings, AssetId asset,
            Instant from) {
        Properties p = KafkaClientProperties.assigningConsumer(kafka, settings.clientId());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            Duration timeout = settings.timeout();
            List<PartitionInfo> infos = consumer.partitionsFor(TOPIC.name(), timeout);
            if (infos == null || infos.isEmpty()) {
                close(consumer);
                return Optional.empty();
            }
            TopicPartition tp = new TopicPartition(TOPIC.name(), partitionOf(asset, infos.size()));
            consumer.assign(List.of(tp));
            long begin = consumer.beginningOffsets(List.of(tp), timeout).get(tp);
            long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
            long deadline = System.nanoTime() + timeout.toNanos();
            long first = firstAtOrAfter(consumer, tp, begin, end, from.minus(settings.timestampSlack()), deadline,
                    settings);
            consumer.seek(tp, first);
            LOG.debugf("history scan asset=%s partition=%d from=%s offsets=%d..%d", asset, tp.partition(), from, first,
                    end);
            return Optional.of(new AssetPartitionScan(consumer, tp, asset, settings, first, end, deadline));
        } catch (RuntimeException e) {
            close(consumer);
            throw e;
        }
    }

    /**
     * The first offset in [{@code begin}, {@code end}) whose record's event time is at or after {@code time}, by
     * bisection over the partition: the partition is written in event-time order to within {@code timestamp-slack}
     * (Flink writes what it cleans as it goes; a replay writes in event-time order), so about log2(n) single reads
     * find where a range starts, whatever the records' write times (a replay of 2020 written today, a twin running
     * faster than real time). Records that cannot be decoded are stepped over.
     */
    private static long firstAtOrAfter(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long begin, long end,
            Instant time, long deadline, Settings settings) {
        long lo = begin;
        long hi = end;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            consumer.seek(tp, mid);
            Probe probe = null;
            while (probe == null) {
                if (System.nanoTime() > deadline) {
                    throw new SlowStartException("finding where " + time + " starts in " + tp + " took longer than "
                            + settings.timeoutKey().map(k -> k + " ").orElse("") + settings.timeout());
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    if (r.offset() >= hi) {
                        probe = new Probe(hi, null);
                        break;
                    }
                    Measurement m = decode(r);
                    if (m != null) {
                        probe = new Probe(r.offset(), m.eventTime());
                        break;
                    }
                }
                if (probe == null && consumer.position(tp) >= hi) {
                    probe = new Probe(hi, null);
                }
            }
            if (probe.time() != null && probe.time().isBefore(time)) {
                lo = probe.offset() + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private record Probe(long offset, Instant time) {
    }

    private static Measurement decode(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        try {
            return TOPIC.valueSerde().deserializer().deserialize(TOPIC.name(), r.value());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Reads on from where the scan is, handing {@code visitor} each of the asset's measurements (of {@code kind},
     * when given) with event time in [{@code from}, {@code to}), until the partition's end as of the opening, event
     * time past {@code to + timestamp-slack}, the visitor's {@code false}, or {@code deadline}
     * ({@link System#nanoTime()}). Undecodable records are logged and stepped over.
     *
     * @throws org.apache.kafka.common.KafkaException when Kafka fails mid-way
     */
    public <E extends Exception> Stop scan(Optional<MeasurementKind> kind, Instant from, Instant to, long deadline,
            Visitor<E> visitor) throws E {
        Instant stopAfter = to.plus(settings.timestampSlack());
        while (consumer.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                return Stop.DEADLINE;
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                if (r.offset() >= end) {
                    return Stop.END;
                }
                scanned++;
                if (r.value() == null) {
                    continue;
                }
                Measurement m;
                try {
                    m = TOPIC.valueSerde().deserializer().deserialize(TOPIC.name(), r.value());
                } catch (RuntimeException e) {
                    LOG.warnf("undecodable measurement skipped partition=%d offset=%d: %s", r.partition(), r.offset(),
                            e.getMessage());
                    continue;
                }
                if (m.eventTime().isAfter(stopAfter)) {
                    return Stop.PAST_RANGE;
                }
                if (!Arrays.equals(key, r.key())) {
                    continue;
                }
                if (!m.asset().equals(asset) || kind.map(k -> k != m.kind()).orElse(false)
                        || m.eventTime().isBefore(from) || !m.eventTime().isBefore(to)) {
                    continue;
                }
                if (!visitor.accept(m)) {
                    return Stop.ENOUGH;
                }
            }
        }
        return Stop.END;
    }

    /** The partition scanned. */
    public TopicPartition partition() {
        return partition;
    }

    /** The offset the scan started at. */
    public long first() {
        return first;
    }

    /** The partition's end as of the opening: the scan reads no further. */
    public long end() {
        return end;
    }

    /** Records read by {@link #scan} so far (of any asset). */
    public long scanned() {
        return scanned;
    }

    /** When the timeout from the opening's start of the search passes ({@link System#nanoTime()}). */
    public long deadline() {
        return deadline;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            close(consumer);
        }
    }

    private static void close(KafkaConsumer<?, ?> consumer) {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
