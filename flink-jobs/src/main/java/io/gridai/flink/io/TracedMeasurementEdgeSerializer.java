package io.gridai.flink.io;

import io.gridai.flink.trace.TracedMeasurement;
import java.io.IOException;
import java.util.function.Supplier;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * {@link TracedMeasurement} between operators: the measurement as {@link MeasurementEdgeSerializer} writes it, then a
 * byte saying which trace headers follow (bit 0 {@code traceparent}, bit 1 {@code tracestate}) and those strings. An
 * untraced measurement costs one byte more than a plain one.
 */
public final class TracedMeasurementEdgeSerializer extends EdgeSerializer<TracedMeasurement> {

    private static final long serialVersionUID = 1L;
    private final MeasurementEdgeSerializer measurements = new MeasurementEdgeSerializer();

    @Override
    protected int version() {
        return 1;
    }

    @Override
    protected Supplier<EdgeSerializer<TracedMeasurement>> factory() {
        return TracedMeasurementEdgeSerializer::new;
    }

    @Override
    public void serialize(TracedMeasurement t, DataOutputView out) throws IOException {
        measurements.serialize(t.measurement(), out);
        int present = (t.traceparent() != null ? 1 : 0) | (t.tracestate() != null ? 2 : 0);
        out.writeByte(present);
        if (t.traceparent() != null) {
            StringValue.writeString(t.traceparent(), out);
        }
        if (t.tracestate() != null) {
            StringValue.writeString(t.tracestate(), out);
        }
    }

    @Override
    public TracedMeasurement deserialize(DataInputView in) throws IOException {
        var measurement = measurements.deserialize(in);
        int present = in.readByte();
        String traceparent = (present & 1) != 0 ? StringValue.readString(in) : null;
        String tracestate = (present & 2) != 0 ? StringValue.readString(in) : null;
        return new TracedMeasurement(measurement, traceparent, tracestate);
    }
}
