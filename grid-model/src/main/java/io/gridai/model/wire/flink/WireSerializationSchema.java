package io.gridai.model.wire.flink;

import io.gridai.model.wire.WireFormat;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Flink serialization of a registered wire type as Avro single-object messages. Serializable: it keeps only
 * the class and looks the {@link WireFormat} up again after deserialization. A null element gives null
 * bytes (a Kafka tombstone).
 *
 * @param <T> the domain type
 */
public final class WireSerializationSchema<T> implements SerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private transient WireFormat<T> format;

    public WireSerializationSchema(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        WireFormat.of(type); // fail at job build time, not on the first record, for an unregistered type
    }

    @Override
    public byte[] serialize(T element) {
        return element == null ? null : format().encode(element);
    }

    private WireFormat<T> format() {
        if (format == null) {
            format = WireFormat.of(type);
        }
        return format;
    }
}
