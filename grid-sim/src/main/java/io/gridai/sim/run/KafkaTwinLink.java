package io.gridai.sim.run;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gridai.model.Measurement;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointAck;
import io.gridai.model.id.AssetId;
import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;

/**
 * The twin's Kafka connection: measurements to {@code telemetry.raw}, setpoint acknowledgements to
 * {@code grid.setpoint-acks}, setpoints from {@code grid.setpoints}. Producers use {@code acks=all} and
 * idempotence; telemetry is batched (lz4, linger) for throughput. Topics come from the registry only.
 */
public final class KafkaTwinLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTwinLink.class);

    /** Where the twin's telemetry goes. */
    public enum Feed {
        /** Straight to the raw telemetry topic as {@code Measurement}s: the twin as a trusted source. */
        RAW,
        /**
         * As JSON batches to the twin source's own inbound topic ({@code Topics.sourceInbound}), through
         * ingestion's Kafka-direct feed like a utility's telemetry: verified, validated, deduplicated.
         */
        INGESTION
    }

    /** Most measurements per JSON record on the inbound topic (keeps records far below Kafka's 1 MiB). */
    static final int MAX_PER_INBOUND_RECORD = 2000;

    private final KafkaProducer<byte[], byte[]> producer;
    private final Feed feed;
    private final KafkaConsumer<AssetId, Setpoint> setpoints;
    private final List<Future<RecordMetadata>> inFlight = new ArrayList<>();

    /**
     * @param bootstrapServers Kafka {@code bootstrap.servers}
     * @param consumerGroup    consumer group of the setpoint subscription (committed offsets survive restarts)
     */
    public KafkaTwinLink(String bootstrapServers, String consumerGroup) {
        this(bootstrapServers, consumerGroup, Feed.RAW);
    }

    /**
     * @param bootstrapServers Kafka {@code bootstrap.servers}
     * @param consumerGroup    consumer group of the setpoint subscription (committed offsets survive restarts)
     * @param feed             where telemetry goes
     */
    public KafkaTwinLink(String bootstrapServers, String consumerGroup, Feed feed) {
        this.feed = feed;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "grid-sim");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "grid-sim-setpoints");
        Topic<AssetId, Setpoint> topic = Topics.GRID_SETPOINTS;
        setpoints = new KafkaConsumer<>(c, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        setpoints.subscribe(List.of(topic.name()));
    }

    /**
     * Setpoints that arrived since the last call (never blocks long: at most {@code wait}). A setpoint marked as
     * decided in a sandbox ({@link Setpoint#fromSandbox()}) is dropped and logged, never applied: the publishers' guard
     * keeps such setpoints off {@code grid.setpoints}, and this is the defence in depth should one get there anyway.
     */
    public List<Setpoint> pollSetpoints(Duration wait) {
        List<Setpoint> out = new ArrayList<>();
        for (ConsumerRecord<AssetId, Setpoint> record : setpoints.poll(wait)) {
            if (record.value() != null && appliesToTheGrid(record.value())) {
                out.add(record.value());
            }
        }
        return out;
    }

    /** False (and a warning) for a sandbox's setpoint: the twin actuates real setpoints only. */
    static boolean appliesToTheGrid(Setpoint s) {
        if (s.fromSandbox()) {
            LOG.warn("setpoint ignored id={} asset={} origin={} issuedBy={}: it was decided in sandbox {} and must never"
                    + " reach the grid; find the producer that wrote it to {} (the setpoint guard should have refused it)",
                    s.id(), s.asset(), s.origin(), s.issuedBy(), s.sandbox().orElseThrow(), Topics.GRID_SETPOINTS.name());
            return false;
        }
        return true;
    }

    /** Commits the setpoints returned so far: call once their acknowledgements are acknowledged by Kafka. */
    public void commitSetpoints() {
        setpoints.commitSync();
    }

    public void publish(List<Measurement> measurements) {
        if (feed == Feed.INGESTION) {
            publishInbound(measurements);
            return;
        }
        Topic<AssetId, Measurement> topic = Topics.TELEMETRY_RAW;
        for (Measurement m : measurements) {
            inFlight.add(producer.send(record(topic, m.asset(), m)));
        }
    }

    /**
     * One JSON array per at most {@link #MAX_PER_INBOUND_RECORD} measurements, in ingestion's record schema
     * (asset, kind, value, unit, time; the id is derived by ingestion from source, asset, kind and time, the
     * same id the twin would give it).
     */
    private void publishInbound(List<Measurement> measurements) {
        for (int from = 0; from < measurements.size(); from += MAX_PER_INBOUND_RECORD) {
            List<Measurement> chunk = measurements.subList(from, Math.min(measurements.size(),
                    from + MAX_PER_INBOUND_RECORD));
            Topic<String, byte[]> topic = Topics.sourceInbound(chunk.get(0).source());
            StringBuilder json = new StringBuilder(chunk.size() * 110).append('[');
            for (Measurement m : chunk) {
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append("{\"asset\":\"").append(m.asset().value()).append("\",\"kind\":\"").append(m.kind().name())
                        .append("\",\"value\":").append(m.value()).append(",\"unit\":\"").append(m.unit().symbol())
                        .append("\",\"time\":\"").append(m.eventTime()).append("\"}");
            }
            byte[] value = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
            inFlight.add(producer.send(new ProducerRecord<>(topic.name(),
                    topic.keySerde().serializer().serialize(topic.name(), chunk.get(0).source().value()), value)));
        }
    }

    public void acknowledge(SetpointAck ack) {
        inFlight.add(producer.send(record(Topics.GRID_SETPOINT_ACKS, ack.asset(), ack)));
    }

    /** Waits until everything sent so far is acknowledged by the broker; throws if any send failed. */
    public void flush() {
        producer.flush();
        try {
            for (Future<RecordMetadata> f : inFlight) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a record from the grid twin: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while flushing telemetry", e);
        } finally {
            inFlight.clear();
        }
    }

    private static <K, V> ProducerRecord<byte[], byte[]> record(Topic<K, V> topic, K key, V value) {
        return new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(10));
        } finally {
            setpoints.close(Duration.ofSeconds(5));
            LOG.info("grid twin Kafka link closed");
        }
    }
}
