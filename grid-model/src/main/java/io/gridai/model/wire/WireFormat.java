package io.gridai.model.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;

/**
 * Encodes and decodes one domain type as an Avro single-object message: the marker {@code C3 01}, the
 * 8-byte little-endian CRC-64-AVRO fingerprint of the writer schema, then the Avro binary body.
 *
 * <p>Encoding always uses the current schema. Decoding accepts every schema in {@link #history()} and
 * resolves it to the current one (fields added since get their defaults), so no registry server is
 * needed. Times travel as nanoseconds since 1970 ({@code timestamp-nanos}) and round-trip exactly.
 * Instances are immutable and thread-safe.
 *
 * @param <T> the domain type
 */
public final class WireFormat<T> {

    private static final int HEADER_LENGTH = 10;

    private final Class<T> type;
    private final AvroMapper<T> mapper;
    private final List<Schema> history;
    private final BinaryMessageEncoder<GenericRecord> encoder;
    private final BinaryMessageDecoder<GenericRecord> decoder;

    WireFormat(Class<T> type, AvroMapper<T> mapper, List<Schema> history) {
        this.type = Objects.requireNonNull(type, "type");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.history = List.copyOf(history);
        Schema current = mapper.schema();
        if (this.history.isEmpty() || fingerprint(this.history.get(this.history.size() - 1)) != fingerprint(current)) {
            throw new WireFormatException("the schema history of " + type.getSimpleName()
                    + " must end with the mapper's current schema; list older writer schemas first");
        }
        GenericData model = new GenericData();
        this.encoder = new BinaryMessageEncoder<>(model, current);
        this.decoder = new BinaryMessageDecoder<>(model, current);
        for (Schema writer : this.history) {
            requireReadable(type, current, writer);
            decoder.addSchema(writer);
        }
    }

    /** The registered wire format of {@code type} (see {@link WireFormats}). */
    public static <T> WireFormat<T> of(Class<T> type) {
        return WireFormats.forType(type);
    }

    /**
     * A wire format that also reads {@code olderWriterSchemas} (oldest first) besides the mapper's current
     * schema; for tests and tools that must read records from schemas not (or no longer) shipped.
     *
     * @throws WireFormatException when an older schema cannot be resolved to the current one
     */
    public static <T> WireFormat<T> of(Class<T> type, AvroMapper<T> mapper, List<Schema> olderWriterSchemas) {
        List<Schema> history = new ArrayList<>(olderWriterSchemas);
        history.add(mapper.schema());
        return new WireFormat<>(type, mapper, history);
    }

    public Class<T> type() {
        return type;
    }

    public AvroMapper<T> mapper() {
        return mapper;
    }

    /** The schema every {@link #encode} writes with and every {@link #decode} resolves to. */
    public Schema currentSchema() {
        return mapper.schema();
    }

    /** Every writer schema this format reads, oldest first; the last is {@link #currentSchema()}. */
    public List<Schema> history() {
        return history;
    }

    /** The single-object message of {@code value}. */
    public byte[] encode(T value) {
        Objects.requireNonNull(value, () -> "cannot encode a null " + type.getSimpleName()
                + "; Kafka tombstones are handled by the serdes, not here");
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try {
            encoder.encode(mapper.toRecord(value), out);
        } catch (IOException | AvroRuntimeException e) {
            throw new WireFormatException("cannot encode " + type.getSimpleName() + " with schema "
                    + hex(fingerprint(currentSchema())) + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * The value in a single-object message written with any schema of {@link #history()}.
     *
     * @throws WireFormatException when the bytes are not such a message, were written with an unknown schema,
     *     are truncated, or hold a value the domain type rejects
     */
    public T decode(byte[] bytes) {
        Objects.requireNonNull(bytes, () -> "cannot decode null bytes as " + type.getSimpleName());
        GenericRecord record;
        try {
            record = decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw unknownSchema(bytes, e);
        } catch (BadHeaderException e) {
            throw new WireFormatException("bytes are not an Avro single-object " + type.getSimpleName()
                    + " (expected the marker C3 01 and an 8-byte schema fingerprint): " + e.getMessage(), e);
        } catch (IOException | AvroRuntimeException e) {
            throw new WireFormatException("cannot decode " + type.getSimpleName() + " (" + bytes.length
                    + " bytes, truncated or corrupt?): " + e.getMessage(), e);
        }
        try {
            return mapper.fromRecord(record);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("decoded a " + type.getSimpleName() + " that is not valid: "
                    + e.getMessage() + "; fix the producer that wrote it", e);
        }
    }

    /** The CRC-64-AVRO fingerprint of the schema's parsing canonical form, as written in each message. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private WireFormatException unknownSchema(byte[] bytes, MissingSchemaException cause) {
        long fingerprint = ByteBuffer.wrap(bytes, 2, HEADER_LENGTH - 2).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String known = history.stream().map(schema -> hex(fingerprint(schema))).collect(Collectors.joining(", "));
        return new WireFormatException("cannot decode " + type.getSimpleName() + ": it was written with schema"
                + " fingerprint " + hex(fingerprint) + ", which this reader does not know (it knows " + known
                + "). The writer is probably newer: upgrade this service to a grid-model that ships that schema"
                + " version, or add the writer's .avsc to SchemaHistory.", cause);
    }

    private static void requireReadable(Class<?> type, Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new WireFormatException("the current " + type.getSimpleName() + " schema cannot read writer schema "
                    + hex(fingerprint(writer)) + ": " + result.getResult().getIncompatibilities()
                    + "; only add fields with defaults and append enum symbols");
        }
    }

    static String hex(long fingerprint) {
        return String.format("0x%016x", fingerprint);
    }

    @Override
    public String toString() {
        return "WireFormat[" + type.getSimpleName() + ", " + history.size() + " schema versions, current "
                + hex(fingerprint(currentSchema())) + "]";
    }
}
