package io.gridai.operator.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.operator.stream.StreamKind;
import io.gridai.service.runtime.KafkaClientProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * An asset's measurements over a time range, read from {@code telemetry.clean} without loading the topic: only the
 * partition the asset's records are in (the topic's key serde and Kafka's default partitioner, murmur2 of the key
 * bytes, which is how flink-jobs' sink and every other producer of the topic key it), from where event time reaches
 * {@code from - timestamp-slack} (found by bisection over the partition's offsets, see {@link #firstAtOrAfter}) to the
 * first record with event time after {@code to + timestamp-slack}, the partition's end as of the request, or
 * {@code limit} records. The partition is written in event-time order to within the slack, whatever its records'
 * write times (Flink's record timestamps are wall time at write, so a replay of old data or a twin faster than real
 * time has write times far from event times); the scan keeps only the asset's records whose event time is in
 * [from, to). Records are written to the output as they are read, in the partition's order, one JSON object each, in
 * a JSON array; nothing is collected in memory.
 */
@ApplicationScoped
public class TelemetryHistory {

    private static final Logger LOG = Logger.getLogger(TelemetryHistory.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final HistoryConfig config;
    private final Map<String, Object> kafka;
    private final ObjectMapper json;
    private final Semaphore running;
    private final Counter served;

    public TelemetryHistory(HistoryConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            ObjectMapper json, MeterRegistry metrics) {
        this.config = config;
        this.kafka = kafka;
        this.json = json;
        this.running = new Semaphore(Math.max(1, config.maxConcurrent()));
        this.served = Counter.builder("gridai.operator.history.records")
                .description("measurements answered by history requests").register(metrics);
    }

    public HistoryConfig config() {
        return config;
    }

    /** The partition of {@code telemetry.clean} that records keyed by {@code asset} are in, of {@code partitions}. */
    public static int partitionOf(AssetId asset, int partitions) {
        Topic<AssetId, Measurement> topic = Topics.TELEMETRY_CLEAN;
        byte[] key = topic.keySerde().serializer().serialize(topic.name(), asset);
        return BuiltInPartitioner.partitionForKey(key, partitions);
    }

    /**
     * Opens a scan: finds the partition and where in it {@code from} starts (so that a failure is still a 503),
     * holding one of the {@code max-concurrent} slots until the scan is closed.
     *
     * @throws HistoryUnavailableException when too many scans run or Kafka does not answer
     */
    public Scan open(HistoryQuery query) {
        if (!running.tryAcquire()) {
            throw new HistoryUnavailableException(config.maxConcurrent() + " history requests are being served"
                    + " (gridai.operator.history.max-concurrent); try again shortly");
        }
        KafkaConsumer<byte[], byte[]> consumer = null;
        try {
            consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            String topic = Topics.TELEMETRY_CLEAN.name();
            Duration timeout = config.timeout();
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new HistoryUnavailableException("topic " + topic + " does not exist");
            }
            TopicPartition tp = new TopicPartition(topic, partitionOf(query.asset(), infos.size()));
            consumer.assign(List.of(tp));
            long begin = consumer.beginningOffsets(List.of(tp), timeout).get(tp);
            long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
            long first = firstAtOrAfter(consumer, tp, begin, end, query.from().minus(config.timestampSlack()));
            consumer.seek(tp, first);
            LOG.debugf("history scan asset=%s partition=%d from=%s to=%s offsets=%d..%d", query.asset(), tp.partition(),
                    query.from(), query.to(), first, end);
            return new Scan(consumer, tp, first, end, query);
        } catch (KafkaException e) {
            close(consumer);
            running.release();
            throw new HistoryUnavailableException("Kafka did not answer for " + Topics.TELEMETRY_CLEAN.name() + ": "
                    + e.getMessage());
        } catch (RuntimeException e) {
            close(consumer);
            running.release();
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
    private long firstAtOrAfter(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long begin, long end,
            Instant time) {
        long lo = begin;
        long hi = end;
        long deadline = System.nanoTime() + config.timeout().toNanos();
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            consumer.seek(tp, mid);
            Probe probe = null;
            while (probe == null) {
                if (System.nanoTime() > deadline) {
                    throw new HistoryUnavailableException("finding where " + time + " starts in " + tp
                            + " took longer than gridai.operator.history.timeout " + config.timeout());
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    if (r.offset() >= hi) {
                        probe = new Probe(hi, null);
                        break;
                    }
                    Instant t = eventTime(r);
                    if (t != null) {
                        probe = new Probe(r.offset(), t);
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

    private static Instant eventTime(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        try {
            Topic<AssetId, Measurement> topic = Topics.TELEMETRY_CLEAN;
            return topic.valueSerde().deserializer().deserialize(topic.name(), r.value()).eventTime();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void close(KafkaConsumer<?, ?> consumer) {
        if (consumer != null) {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private Properties consumerProperties() {
        Properties p = KafkaClientProperties.assigningConsumer(kafka, "gridai-operator-history");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        return p;
    }

    /** One request's scan of one partition; write it once, then it is closed. */
    public final class Scan implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final TopicPartition partition;
        private final long first;
        private final long end;
        private final HistoryQuery query;
        private boolean closed;

        private Scan(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long first, long end,
                HistoryQuery query) {
            this.consumer = consumer;
            this.partition = partition;
            this.first = first;
            this.end = end;
            this.query = query;
        }

        /**
         * Writes the JSON array of the measurements in range to {@code out} as they are read, then closes the scan.
         *
         * @throws IOException when the client goes away, or Kafka fails or the timeout passes mid-way: the array is
         *                     then left unterminated, so that a cut-off answer cannot pass for a complete one
         */
        public void writeTo(OutputStream out) throws IOException {
            long started = System.nanoTime();
            long deadline = started + config.timeout().toNanos();
            Instant stopAfter = query.to().plus(config.timestampSlack());
            byte[] key = Topics.TELEMETRY_CLEAN.keySerde().serializer().serialize(partition.topic(), query.asset());
            Topic<AssetId, Measurement> topic = Topics.TELEMETRY_CLEAN;
            int written = 0;
            long scanned = 0;
            String stop = "end";
            ObjectWriter writer = json.writerFor(StreamKind.MeasurementView.class)
                    .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
            try (JsonGenerator gen = json.getFactory().createGenerator(out)) {
                gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                gen.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT); // a failed scan stays an incomplete array
                gen.writeStartArray();
                scan:
                while (consumer.position(partition) < end) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("history scan of " + query.asset() + " passed gridai.operator.history.timeout "
                                + config.timeout() + " after " + written + " records; the answer is cut off");
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                        if (r.offset() >= end) {
                            break scan;
                        }
                        scanned++;
                        if (r.value() == null) {
                            continue;
                        }
                        Measurement m;
                        try {
                            m = topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
                        } catch (RuntimeException e) {
                            LOG.warnf("undecodable measurement skipped partition=%d offset=%d: %s", r.partition(),
                                    r.offset(), e.getMessage());
                            continue;
                        }
                        if (m.eventTime().isAfter(stopAfter)) {
                            stop = "event time past to+slack";
                            break scan;
                        }
                        if (!Arrays.equals(key, r.key())) {
                            continue;
                        }
                        if (!m.asset().equals(query.asset()) || query.kind().map(k -> k != m.kind()).orElse(false)
                                || m.eventTime().isBefore(query.from()) || !m.eventTime().isBefore(query.to())) {
                            continue;
                        }
                        writer.writeValue(gen, view(m));
                        written++;
                        if (written >= query.limit()) {
                            stop = "limit";
                            break scan;
                        }
                        if (written % 500 == 0) {
                            gen.flush();
                        }
                    }
                }
                gen.writeEndArray();
            } catch (KafkaException e) {
                throw new IOException("Kafka failed during the history scan of " + query.asset() + ": " + e.getMessage(), e);
            } finally {
                served.increment(written);
                LOG.infof("history served asset=%s kind=%s from=%s to=%s records=%d scanned=%d offsets=%d..%d stop=%s"
                        + " tookMs=%d", query.asset(), query.kind().map(Enum::name).orElse("all"), query.from(),
                        query.to(), written, scanned, first, end, stop, (System.nanoTime() - started) / 1_000_000);
                close();
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                TelemetryHistory.close(consumer);
                running.release();
            }
        }
    }

    private static StreamKind.MeasurementView view(Measurement m) {
        return new StreamKind.MeasurementView(m.id().value(), m.source().value(), m.asset().value(), m.kind().name(),
                m.unit().symbol(), m.value(), m.quality().stream().map(Enum::name).toList(), m.eventTime(),
                m.ingestTime());
    }
}
