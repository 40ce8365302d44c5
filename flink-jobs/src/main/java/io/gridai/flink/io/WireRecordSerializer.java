package io.gridai.flink.io;

import io.gridai.flink.trace.JobTracing;
import io.gridai.model.wire.WireFormat;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a grid-model wire type to one topic: the key as UTF-8 text (what {@code IdSerde} and the string serde
 * read), the value as its Avro single-object message. The Kafka timestamp is left to the producer (wall time):
 * with event time as the record timestamp, a replay of older telemetry would fall outside the topics' retention
 * and be deleted at once. Event time travels in the value. Measurements and aggregates are written by a
 * {@link SpecificWireWriter} (same bytes, no generic record).
 *
 * <p>When this JVM traces ({@link JobTracing}) and a span is current — the one {@code ContinueTrace} keeps open while
 * a traced measurement goes down the chain — its context is written as {@code traceparent}/{@code tracestate}
 * headers, so the consumers of the topic continue the trace.
 *
 * @param <T> the domain type
 */
public final class WireRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;
    private static final TextMapSetter<Headers> HEADER_SETTER =
            (headers, name, value) -> headers.remove(name).add(name, value.getBytes(StandardCharsets.UTF_8));

    private final String topic;
    private final Class<T> type;
    private final SerializableFunction<T, String> key;
    private transient Function<T, byte[]> encoder;
    private transient TextMapPropagator propagator;

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
            propagator = JobTracing.enabled() ? JobTracing.openTelemetry().getPropagators().getTextMapPropagator()
                    : null;
        }
        Headers headers = null;
        if (propagator != null) {
            Context current = Context.current();
            if (Span.fromContext(current).getSpanContext().isValid()) {
                headers = new RecordHeaders();
                propagator.inject(current, headers, HEADER_SETTER);
            }
        }
        return new ProducerRecord<>(topic, null, null, key.apply(element).getBytes(StandardCharsets.UTF_8),
                encoder.apply(element), headers);
    }

}
