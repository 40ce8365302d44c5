package io.gridai.model.wire;

import static io.gridai.model.wire.AvroValues.instant;
import static io.gridai.model.wire.AvroValues.nanos;
import static io.gridai.model.wire.AvroValues.text;

import io.gridai.model.ZoneLoad;
import io.gridai.model.id.ZoneId;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** {@link ZoneLoad} ↔ {@code io.gridai.model.avro.ZoneLoad}. */
public final class ZoneLoadMapper implements AvroMapper<ZoneLoad> {

    private final Schema schema = SchemaHistory.ZONE_LOAD.current();

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public GenericRecord toRecord(ZoneLoad value) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("zone", value.zone().value());
        record.put("windowStart", nanos(value.windowStart()));
        record.put("windowNanos", nanos(value.window()));
        record.put("activePowerMw", value.activePowerMw());
        record.put("assets", value.assets());
        record.put("readings", value.readings());
        return record;
    }

    @Override
    public ZoneLoad fromRecord(GenericRecord record) {
        return new ZoneLoad(
                ZoneId.of(text(record.get("zone"))),
                instant(record.get("windowStart")),
                AvroValues.duration(record.get("windowNanos")),
                (Double) record.get("activePowerMw"),
                (Integer) record.get("assets"),
                (Long) record.get("readings"));
    }
}
