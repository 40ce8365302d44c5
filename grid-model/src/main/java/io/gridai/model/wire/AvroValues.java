package io.gridai.model.wire;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Conversions between domain values and the generic Avro values of our schemas: times as
 * {@code timestamp-nanos} longs, durations as nanosecond longs, enums as Avro enum symbols, optional ids as
 * unions with null.
 */
final class AvroValues {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private AvroValues() {
    }

    static long nanos(Instant time) {
        try {
            return Math.addExact(Math.multiplyExact(time.getEpochSecond(), NANOS_PER_SECOND), time.getNano());
        } catch (ArithmeticException e) {
            throw new WireFormatException("time " + time + " cannot be sent: the wire format carries times as"
                    + " nanoseconds since 1970 in a long, from 1677-09-21 to 2262-04-11; use a time in that range", e);
        }
    }

    static Instant instant(Object nanos) {
        long value = (Long) nanos;
        return Instant.ofEpochSecond(Math.floorDiv(value, NANOS_PER_SECOND), Math.floorMod(value, NANOS_PER_SECOND));
    }

    static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            throw new WireFormatException("duration " + duration + " is too long for the wire format (at most"
                    + " about 292 years in nanoseconds)", e);
        }
    }

    static Duration duration(Object nanos) {
        return Duration.ofNanos((Long) nanos);
    }

    static GenericData.EnumSymbol symbol(Schema enumSchema, Enum<?> value) {
        return new GenericData.EnumSymbol(enumSchema, value.name());
    }

    static GenericData.EnumSymbol symbol(GenericRecord record, String field, Enum<?> value) {
        return symbol(record.getSchema().getField(field).schema(), value);
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, Object symbol) {
        return Enum.valueOf(type, symbol.toString());
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The element schema of an array field of {@code record}. */
    static Schema items(GenericRecord record, String field) {
        return record.getSchema().getField(field).schema().getElementType();
    }

    static List<Double> doubles(Object array) {
        List<?> values = (List<?>) array;
        List<Double> result = new ArrayList<>(values.size());
        for (Object value : values) {
            result.add((Double) value);
        }
        return result;
    }

    static Map<String, String> texts(Object map) {
        Map<?, ?> values = (Map<?, ?>) map;
        Map<String, String> result = new HashMap<>(values.size() * 2);
        values.forEach((key, value) -> result.put(key.toString(), value.toString()));
        return result;
    }

    static ByteBuffer bytes(byte[] bytes) {
        return ByteBuffer.wrap(bytes);
    }

    static byte[] bytes(Object buffer) {
        ByteBuffer view = ((ByteBuffer) buffer).duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
