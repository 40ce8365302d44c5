package io.gridai.flink.io;

import io.gridai.flink.trace.TracedMeasurement;
import io.gridai.flink.config.JobSettings;
import io.gridai.model.Measurement;
import io.gridai.model.topic.Topic;
import java.util.Optional;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The Kafka sources and exactly-once sinks of the jobs, configured the one way the platform needs. */
public final class KafkaIo {

    private final String bootstrapServers;
    private final JobSettings settings;
    private final OffsetsInitializer stoppingOffsets;

    /**
     * @param bounded read only what the topic holds when the job starts, then finish (benchmarks, batch replays)
     */
    public KafkaIo(String bootstrapServers, JobSettings settings, boolean bounded) {
        this(bootstrapServers, settings, bounded ? OffsetsInitializer.latest() : null);
    }

    /**
     * @param stoppingOffsets where the sources finish (their end of input: the watermark goes to the end of time and
     *                        every window fires), e.g. the offset after a replay's last record; null for never
     */
    public KafkaIo(String bootstrapServers, JobSettings settings, OffsetsInitializer stoppingOffsets) {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
        this.stoppingOffsets = stoppingOffsets;
    }

    /**
     * Measurements from {@code topic}, from the consumer group's committed offsets (earliest when it has none). On a
     * restore, offsets come from the checkpoint instead.
     */
    public KafkaSource<Measurement> measurements(Topic<?, Measurement> topic) {
        return telemetry(topic, new WireRecordDeserializer<>(Measurement.class));
    }

    /**
     * Measurements from {@code topic} as {@link #measurements} reads them, each with the trace context of its record
     * when this JVM traces ({@link io.gridai.flink.trace.JobTracing}).
     */
    public KafkaSource<TracedMeasurement> tracedMeasurements(Topic<?, Measurement> topic) {
        return telemetry(topic, new TracedMeasurementDeserializer());
    }

    /** A telemetry topic read by the job's own consumer group, as {@link #measurements} says. */
    @SuppressWarnings("deprecation") // the connector's committedOffsets still takes Kafka's OffsetResetStrategy
    private <T> KafkaSource<T> telemetry(Topic<?, Measurement> topic, KafkaRecordDeserializationSchema<T> deserializer) {
        KafkaSourceBuilder<T> builder = KafkaSource.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic.name())
                .setGroupId(settings.consumerGroup())
                .setClientIdPrefix(settings.consumerGroup() + "-" + topic.name())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(deserializer)
                .setProperty("isolation.level", "read_committed");
        settings.kafkaClient().properties().forEach(builder::setProperty);
        if (stoppingOffsets != null) {
            builder.setBounded(stoppingOffsets);
        }
        return builder.build();
    }

    /**
     * Values of {@code topic} for consumer group {@code groupId}, from the group's committed offsets, else from the
     * earliest (or, {@code earliest} false, the latest) offset; read_committed. On a restore, offsets come from the
     * checkpoint instead.
     */
    @SuppressWarnings("deprecation") // the connector's committedOffsets still takes Kafka's OffsetResetStrategy
    public <T> KafkaSource<T> records(Topic<?, T> topic, String groupId, boolean earliest) {
        KafkaSourceBuilder<T> builder = KafkaSource.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic.name())
                .setGroupId(groupId)
                .setClientIdPrefix(groupId + "-" + topic.name())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(
                        earliest ? OffsetResetStrategy.EARLIEST : OffsetResetStrategy.LATEST))
                .setDeserializer(new WireRecordDeserializer<>(topic.valueType()))
                .setProperty("isolation.level", "read_committed");
        settings.kafkaClient().properties().forEach(builder::setProperty);
        if (stoppingOffsets != null) {
            builder.setBounded(stoppingOffsets);
        }
        return builder.build();
    }

    /**
     * An exactly-once (transactional) sink to {@code topic}; {@code name} makes the transactional ids unique per sink.
     * The producer's transaction timeout is {@code kafka.transaction.timeout}, below the broker's maximum.
     */
    public <T> KafkaSink<T> exactlyOnce(Topic<?, T> topic, SerializableFunction<T, String> key, String name) {
        return sink(topic, key, name, DeliveryGuarantee.EXACTLY_ONCE);
    }

    public <T> KafkaSink<T> sink(Topic<?, T> topic, SerializableFunction<T, String> key, String name,
            DeliveryGuarantee guarantee) {
        KafkaSinkBuilder<T> builder = KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(new WireRecordSerializer<>(topic.name(), topic.valueType(), key))
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(settings.transactionalIdPrefix() + "-" + name)
                .setProperty("transaction.timeout.ms", Long.toString(settings.transactionTimeout().toMillis()))
                .setProperty("linger.ms", "5")
                .setProperty("batch.size", Integer.toString(128 * 1024))
                .setProperty("compression.type", "lz4")
                .setProperty("client.id", settings.transactionalIdPrefix() + "-" + name);
        settings.kafkaClient().properties().forEach(builder::setProperty);
        return builder.build();
    }

    public Optional<String> bootstrapServers() {
        return Optional.of(bootstrapServers);
    }
}
