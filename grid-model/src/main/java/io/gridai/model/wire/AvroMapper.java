package io.gridai.model.wire;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Maps one domain type to and from Avro generic records of its current schema. {@code fromRecord} receives
 * records already resolved to {@link #schema()}, whichever schema version wrote them.
 *
 * @param <T> the domain type
 */
public interface AvroMapper<T> {

    /** The current (reader) schema of the type. */
    Schema schema();

    /** The value as a record of {@link #schema()}. */
    GenericRecord toRecord(T value);

    /**
     * The value held by {@code record}.
     *
     * @throws IllegalArgumentException when the record holds values the domain type rejects
     */
    T fromRecord(GenericRecord record);
}
