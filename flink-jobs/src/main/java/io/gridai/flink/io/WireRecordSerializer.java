package io.gridai.flink.io;

import io.gridai.model.wire.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a grid-model wire type to one topic: the key as UTF-8 text (what {@code IdSerde} and the string serde
 * read), the value as its Avro single-object message. The Kafka timestamp is left to the producer (wall time):
 * with event time as the record timestamp, a replay of older telemetry would fall outside the topics' retention
 * and be deleted at once. Event time travels in the value. Measurements and aggregates are written by a
 * {@link SpecificWireWriter} (same bytes, no generic record).
 *
 * @param <T> the domain type
 */
public final class WireRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final Class<T> type;
    private final SerializableFunction<T, String> key;
    private transient Function<T, byte[]> encoder;

    public WireRecordSerializer(String topic, Class<T> type, SerializableFunction<T, String> key) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.type = Objects.requireNonNull(type, "type");
        this.key = Objects.requireNonNull(key, "key");
        WireFormat.of(type);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        if (encoder == null) {
            encoder = SpecificWireWriter.of(type); // one per sink writer (task thread): it reuses a buffer
        }
        return new ProducerRecord<>(topic, null, null, key.apply(element).getBytes(StandardCharsets.UTF_8),
                encoder.apply(element));
    }
}
