package io.gridai.flink.io;

import io.gridai.model.Aggregate;
import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.wire.WireFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the Avro single-object message of a {@link Measurement} or an {@link Aggregate} field by field, the same
 * bytes as {@link WireFormat#encode} (checked in a test) without building a generic record first: the sinks'
 * encoding was a third of the job's CPU. Each writer knows the one schema it was written for (by fingerprint); when
 * grid-model ships a newer current schema, {@link #of} falls back to {@link WireFormat#encode} with a warning,
 * so a schema change can never produce wrong bytes, only slower ones. Not thread-safe: one per sink writer.
 *
 * @param <T> the domain type
 */
public abstract class SpecificWireWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(SpecificWireWriter.class);
    private static final long MEASUREMENT_V1 = 0x6970b1ec5343c1e8L;
    private static final long AGGREGATE_V1 = 0x2b368d81d88fb03eL;

    /** Reused between calls; {@link #encode} copies out of it. */
    final AvroBuffer buffer = new AvroBuffer();
    private final long fingerprint;

    private SpecificWireWriter(long fingerprint) {
        this.fingerprint = fingerprint;
    }

    /**
     * The fastest encoder of {@code type}: a specific writer when one matches grid-model's current schema, else the
     * wire format's own.
     */
    @SuppressWarnings("unchecked") // each branch checks the type
    public static <T> Function<T, byte[]> of(Class<T> type) {
        WireFormat<T> format = WireFormat.of(type);
        long current = WireFormat.fingerprint(format.currentSchema());
        SpecificWireWriter<T> writer = null;
        if (type == Measurement.class && current == MEASUREMENT_V1) {
            writer = (SpecificWireWriter<T>) new MeasurementWriter(format.currentSchema());
        } else if (type == Aggregate.class && current == AGGREGATE_V1) {
            writer = (SpecificWireWriter<T>) new AggregateWriter(format.currentSchema());
        } else if (type == Measurement.class || type == Aggregate.class) {
            LOG.warn("grid-model's current {} schema (0x{}) is not the one the specific writer knows;"
                    + " encoding generically (slower, same bytes)", type.getSimpleName(), Long.toHexString(current));
        }
        return writer == null ? format::encode : writer::encode;
    }

    /** The message of {@code value}. */
    public final byte[] encode(T value) {
        buffer.reset();
        buffer.writeRaw((byte) 0xC3);
        buffer.writeRaw((byte) 0x01);
        buffer.writeFixedLong(fingerprint);
        writeBody(value);
        return buffer.toByteArray();
    }

    abstract void writeBody(T value);

    /** Position of each Java constant's name among the schema's enum symbols (they need not be in the same order). */
    static int[] symbolIndexes(Schema enumSchema, Enum<?>[] constants) {
        int[] indexes = new int[constants.length];
        for (Enum<?> constant : constants) {
            indexes[constant.ordinal()] = enumSchema.hasEnumSymbol(constant.name())
                    ? enumSchema.getEnumOrdinal(constant.name()) : -1;
        }
        return indexes;
    }

    static int symbol(int[] indexes, Enum<?> constant) {
        int index = indexes[constant.ordinal()];
        if (index < 0) {
            throw new io.gridai.model.wire.WireFormatException("the wire schema has no symbol " + constant
                    + "; upgrade grid-model's schema before sending it");
        }
        return index;
    }

    void writeNanos(Instant time) {
        buffer.writeLong(Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano()));
    }

    void writeNanos(Duration duration) {
        buffer.writeLong(duration.toNanos());
    }

    private static final class MeasurementWriter extends SpecificWireWriter<Measurement> {
        private final int[] kinds;
        private final int[] flags;

        MeasurementWriter(Schema schema) {
            super(MEASUREMENT_V1);
            kinds = symbolIndexes(schema.getField("kind").schema(), io.gridai.model.unit.MeasurementKind.values());
            flags = symbolIndexes(schema.getField("quality").schema().getElementType(), QualityFlag.values());
        }

        @Override
        void writeBody(Measurement m) {
            buffer.writeString(m.id().value());
            buffer.writeString(m.source().value());
            buffer.writeString(m.asset().value());
            buffer.writeLong(symbol(kinds, m.kind()));
            buffer.writeDouble(m.value());
            Set<QualityFlag> quality = m.quality();
            if (!quality.isEmpty()) {
                buffer.writeLong(quality.size());
                for (QualityFlag flag : quality) {
                    buffer.writeLong(symbol(flags, flag));
                }
            }
            buffer.writeLong(0);
            writeNanos(m.eventTime());
            writeNanos(m.ingestTime());
        }
    }

    private static final class AggregateWriter extends SpecificWireWriter<Aggregate> {
        private final int[] scopes;
        private final int[] kinds;

        AggregateWriter(Schema schema) {
            super(AGGREGATE_V1);
            scopes = symbolIndexes(schema.getField("scope").schema(), io.gridai.model.AggregateScope.values());
            kinds = symbolIndexes(schema.getField("kind").schema(), io.gridai.model.unit.MeasurementKind.values());
        }

        @Override
        void writeBody(Aggregate a) {
            buffer.writeLong(symbol(scopes, a.scope()));
            buffer.writeString(a.subject());
            buffer.writeLong(symbol(kinds, a.kind()));
            writeNanos(a.windowStart());
            writeNanos(a.window());
            buffer.writeLong(a.count());
            buffer.writeDouble(a.min());
            buffer.writeDouble(a.mean());
            buffer.writeDouble(a.max());
            buffer.writeDouble(a.last());
            writeNanos(a.lastTime());
        }
    }
}
