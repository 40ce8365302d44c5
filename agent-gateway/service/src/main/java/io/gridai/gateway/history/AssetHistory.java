package io.gridai.gateway.history;

import io.gridai.gateway.config.GatewayConfig;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.service.runtime.KafkaClientProperties;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * An asset's measurements over an event-time range from {@code telemetry.clean}, as the operator API's
 * {@code history/TelemetryHistory} finds them: only the asset's partition (the topic's key serde and Kafka's default
 * partitioner), the range's start found by bisection on event time (the partition is written in event-time order
 * within {@link #SLACK}), read until event time passes {@code to + SLACK}, the partition's end as of the call, or
 * {@code gridai.gateway.inputs.history-max-points} measurements. The approach is the operator API's; the code is
 * a compact copy that collects into a list (an agent's answer is one JSON document), not shared, because the operator
 * API's streams its answer to an HTTP body.
 */
@ApplicationScoped
public class AssetHistory {

    /** How far event time may be out of order in the partition. */
    static final Duration SLACK = Duration.ofMinutes(15);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final GatewayConfig config;
    private final Map<String, Object> kafka;

    public AssetHistory(GatewayConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    /** What a scan found: the measurements (event time in [from, to)), and whether the limit cut it off. */
    public record Found(List<Measurement> measurements, boolean truncated) {
    }

    /** The measurements of {@code asset} (of {@code kind} when given) with event time in [{@code from}, {@code to}). */
    public Found read(AssetId asset, Optional<MeasurementKind> kind, Instant from, Instant to) {
        int limit = config.inputs().historyMaxPoints();
        Properties p = KafkaClientProperties.assigningConsumer(kafka, "gridai-gateway-history");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        Topic<AssetId, Measurement> topic = Topics.TELEMETRY_CLEAN;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = c.partitionsFor(topic.name(), TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                return new Found(List.of(), false);
            }
            byte[] key = topic.keySerde().serializer().serialize(topic.name(), asset);
            TopicPartition tp = new TopicPartition(topic.name(), BuiltInPartitioner.partitionForKey(key, infos.size()));
            c.assign(List.of(tp));
            long begin = c.beginningOffsets(List.of(tp), TIMEOUT).get(tp);
            long end = c.endOffsets(List.of(tp), TIMEOUT).get(tp);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            c.seek(tp, firstAtOrAfter(c, tp, begin, end, from.minus(SLACK), deadline));
            List<Measurement> out = new ArrayList<>();
            Instant stopAfter = to.plus(SLACK);
            while (c.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                    if (r.offset() >= end) {
                        return new Found(out, false);
                    }
                    Measurement m = decode(r);
                    if (m == null) {
                        continue;
                    }
                    if (m.eventTime().isAfter(stopAfter)) {
                        return new Found(out, false);
                    }
                    if (m.asset().equals(asset) && kind.map(k -> k == m.kind()).orElse(true)
                            && !m.eventTime().isBefore(from) && m.eventTime().isBefore(to)) {
                        if (out.size() == limit) {
                            return new Found(out, true);
                        }
                        out.add(m);
                    }
                }
            }
            return new Found(out, c.position(tp) < end);
        } catch (KafkaException e) {
            throw new IllegalStateException("Kafka did not answer for " + topic.name() + ": " + e.getMessage(), e);
        }
    }

    private static long firstAtOrAfter(KafkaConsumer<byte[], byte[]> c, TopicPartition tp, long begin, long end,
            Instant time, long deadline) {
        long lo = begin;
        long hi = end;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            c.seek(tp, mid);
            long probeOffset = -1;
            Instant probeTime = null;
            while (probeOffset < 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("finding where " + time + " starts in " + tp + " took longer than "
                            + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                    if (r.offset() >= hi) {
                        probeOffset = hi;
                        break;
                    }
                    Measurement m = decode(r);
                    if (m != null) {
                        probeOffset = r.offset();
                        probeTime = m.eventTime();
                        break;
                    }
                }
                if (probeOffset < 0 && c.position(tp) >= hi) {
                    probeOffset = hi;
                }
            }
            if (probeTime != null && probeTime.isBefore(time)) {
                lo = probeOffset + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static Measurement decode(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        try {
            return Topics.TELEMETRY_CLEAN.valueSerde().deserializer().deserialize(Topics.TELEMETRY_CLEAN.name(), r.value());
        } catch (RuntimeException e) {
            return null;
        }
    }

}
