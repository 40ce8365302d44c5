package io.gridai.model.wire.flink;

import io.gridai.model.wire.WireFormat;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type information for a grid-model wire type ({@code Measurement}, {@code Alert}, {@code Aggregate}, …):
 * values travel between operators and sit in state as the same Avro single-object messages as on Kafka
 * ({@link WireTypeSerializer}), so savepoints keep the wire format's schema evolution instead of Kryo's. Every
 * Flink job of GridAI uses this one (flink-jobs, inference's forecast job).
 *
 * @param <T> the domain type
 */
public final class WireTypeInformation<T> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    private WireTypeInformation(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        WireFormat.of(type); // an unregistered type fails when the job is built
    }

    public static <T> WireTypeInformation<T> of(Class<T> type) {
        return new WireTypeInformation<>(type);
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new WireTypeSerializer<>(type);
    }

    @Override
    public String toString() {
        return "Wire<" + type.getSimpleName() + ">";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WireTypeInformation<?> that && that.type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof WireTypeInformation;
    }
}
