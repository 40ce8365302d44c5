package io.gridai.model.wire.flink;

import io.gridai.model.wire.WireFormat;
import java.util.Objects;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Flink deserialization of a registered wire type from Avro single-object messages written with any shipped
 * schema version. Serializable: it keeps only the class and looks the {@link WireFormat} up again after
 * deserialization. Null bytes (a tombstone) give null, which Flink's Kafka source skips.
 *
 * @param <T> the domain type
 */
public final class WireDeserializationSchema<T> implements DeserializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private transient WireFormat<T> format;

    public WireDeserializationSchema(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        WireFormat.of(type); // fail at job build time, not on the first record, for an unregistered type
    }

    @Override
    public T deserialize(byte[] message) {
        return message == null ? null : format().decode(message);
    }

    /** Always false: telemetry streams do not end. */
    @Override
    public boolean isEndOfStream(T nextElement) {
        return false;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }

    private WireFormat<T> format() {
        if (format == null) {
            format = WireFormat.of(type);
        }
        return format;
    }
}
