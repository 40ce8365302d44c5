package io.gridai.model.wire;

import static io.gridai.model.wire.AvroValues.enumValue;
import static io.gridai.model.wire.AvroValues.instant;
import static io.gridai.model.wire.AvroValues.nanos;
import static io.gridai.model.wire.AvroValues.symbol;
import static io.gridai.model.wire.AvroValues.text;

import io.gridai.model.Aggregate;
import io.gridai.model.AggregateScope;
import io.gridai.model.unit.MeasurementKind;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** {@link Aggregate} ↔ {@code io.gridai.model.avro.Aggregate}. */
public final class AggregateMapper implements AvroMapper<Aggregate> {

    private final Schema schema = SchemaHistory.AGGREGATE.current();

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public GenericRecord toRecord(Aggregate value) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("scope", symbol(record, "scope", value.scope()));
        record.put("subject", value.subject());
        record.put("kind", symbol(record, "kind", value.kind()));
        record.put("windowStart", nanos(value.windowStart()));
        record.put("windowNanos", nanos(value.window()));
        record.put("count", value.count());
        record.put("min", value.min());
        record.put("mean", value.mean());
        record.put("max", value.max());
        record.put("last", value.last());
        record.put("lastTime", nanos(value.lastTime()));
        return record;
    }

    @Override
    public Aggregate fromRecord(GenericRecord record) {
        return new Aggregate(
                enumValue(AggregateScope.class, record.get("scope")),
                text(record.get("subject")),
                enumValue(MeasurementKind.class, record.get("kind")),
                instant(record.get("windowStart")),
                AvroValues.duration(record.get("windowNanos")),
                (Long) record.get("count"),
                (Double) record.get("min"),
                (Double) record.get("mean"),
                (Double) record.get("max"),
                (Double) record.get("last"),
                instant(record.get("lastTime")));
    }
}
