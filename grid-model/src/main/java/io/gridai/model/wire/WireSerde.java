package io.gridai.model.wire;

import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a wire type: values as Avro single-object messages via {@link WireFormat}; a null value
 * (a tombstone) maps to null bytes and back.
 *
 * @param <T> the domain type
 */
public final class WireSerde<T> implements Serde<T> {

    private final WireFormat<T> format;

    public WireSerde(WireFormat<T> format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    /** The serde of a registered wire type. */
    public static <T> WireSerde<T> of(Class<T> type) {
        return new WireSerde<>(WireFormat.of(type));
    }

    public WireFormat<T> format() {
        return format;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : format.encode(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : format.decode(bytes);
    }

    @Override
    public String toString() {
        return "WireSerde[" + format.type().getSimpleName() + "]";
    }
}
