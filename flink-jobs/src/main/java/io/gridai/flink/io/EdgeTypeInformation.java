package io.gridai.flink.io;

import io.gridai.model.Aggregate;
import io.gridai.flink.trace.TracedMeasurement;
import io.gridai.model.Measurement;
import io.gridai.model.wire.flink.WireTypeInformation;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type information for grid-model records that travel <em>between operators</em> only (network buffers, never
 * state): {@code Measurement}, {@code TracedMeasurement} and {@code Aggregate} with their hand-written {@link EdgeSerializer}s, every other
 * type as {@link WireTypeInformation} (Avro). Use {@link WireTypeInformation} for anything kept in state.
 *
 * @param <T> the domain type
 */
public final class EdgeTypeInformation<T> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    private EdgeTypeInformation(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The edge type of {@code type}: hand-written for Measurement, TracedMeasurement and Aggregate, else Avro. */
    public static <T> TypeInformation<T> of(Class<T> type) {
        if (type == Measurement.class || type == Aggregate.class || type == TracedMeasurement.class) {
            return new EdgeTypeInformation<>(type);
        }
        return WireTypeInformation.of(type);
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
    @SuppressWarnings("unchecked") // the constructor admits only these three types
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        if (type == Measurement.class) {
            return (TypeSerializer<T>) new MeasurementEdgeSerializer();
        }
        return (TypeSerializer<T>) (type == TracedMeasurement.class
                ? new TracedMeasurementEdgeSerializer() : new AggregateEdgeSerializer());
    }

    @Override
    public String toString() {
        return "Edge<" + type.getSimpleName() + ">";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EdgeTypeInformation<?> that && that.type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof EdgeTypeInformation;
    }
}
