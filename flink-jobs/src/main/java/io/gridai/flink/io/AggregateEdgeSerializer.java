package io.gridai.flink.io;

import static io.gridai.flink.io.MeasurementEdgeSerializer.readInstant;
import static io.gridai.flink.io.MeasurementEdgeSerializer.writeInstant;

import io.gridai.model.Aggregate;
import io.gridai.model.AggregateScope;
import io.gridai.model.unit.MeasurementKind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** {@link Aggregate} between operators (window operators → the aggregates sink): fields in a fixed order. */
public final class AggregateEdgeSerializer extends EdgeSerializer<Aggregate> {

    private static final long serialVersionUID = 1L;
    private static final AggregateScope[] SCOPES = AggregateScope.values();
    private static final MeasurementKind[] KINDS = MeasurementKind.values();

    @Override
    protected int version() {
        return 1;
    }

    @Override
    protected Supplier<EdgeSerializer<Aggregate>> factory() {
        return AggregateEdgeSerializer::new;
    }

    @Override
    public void serialize(Aggregate a, DataOutputView out) throws IOException {
        out.writeByte(a.scope().ordinal());
        StringValue.writeString(a.subject(), out);
        out.writeByte(a.kind().ordinal());
        writeInstant(a.windowStart(), out);
        out.writeLong(a.window().toNanos());
        out.writeLong(a.count());
        out.writeDouble(a.min());
        out.writeDouble(a.mean());
        out.writeDouble(a.max());
        out.writeDouble(a.last());
        writeInstant(a.lastTime(), out);
    }

    @Override
    public Aggregate deserialize(DataInputView in) throws IOException {
        AggregateScope scope = SCOPES[in.readByte()];
        String subject = StringValue.readString(in);
        MeasurementKind kind = KINDS[in.readByte()];
        Instant windowStart = readInstant(in);
        Duration window = Duration.ofNanos(in.readLong());
        long count = in.readLong();
        double min = in.readDouble();
        double mean = in.readDouble();
        double max = in.readDouble();
        double last = in.readDouble();
        return new Aggregate(scope, subject, kind, windowStart, window, count, min, mean, max, last, readInstant(in));
    }
}
