package io.gridai.model.wire;

import static io.gridai.model.wire.AvroValues.enumValue;
import static io.gridai.model.wire.AvroValues.instant;
import static io.gridai.model.wire.AvroValues.nanos;
import static io.gridai.model.wire.AvroValues.symbol;
import static io.gridai.model.wire.AvroValues.text;

import io.gridai.model.SetpointAck;
import io.gridai.model.SetpointAckStatus;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SetpointId;
import java.util.OptionalDouble;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** {@link SetpointAck} ↔ {@code io.gridai.model.avro.SetpointAck}; an absent effective target is {@code null}. */
public final class SetpointAckMapper implements AvroMapper<SetpointAck> {

    private final Schema schema = SchemaHistory.SETPOINT_ACK.current();

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public GenericRecord toRecord(SetpointAck value) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("setpoint", value.setpoint().value());
        record.put("asset", value.asset().value());
        record.put("status", symbol(record, "status", value.status()));
        OptionalDouble effective = value.effectiveTarget();
        record.put("effectiveTarget", effective.isPresent() ? (Double) effective.getAsDouble() : null);
        record.put("reason", value.reason());
        record.put("actor", value.actor());
        record.put("time", nanos(value.time()));
        return record;
    }

    @Override
    public SetpointAck fromRecord(GenericRecord record) {
        Object effective = record.get("effectiveTarget");
        return new SetpointAck(
                SetpointId.of(text(record.get("setpoint"))),
                AssetId.of(text(record.get("asset"))),
                enumValue(SetpointAckStatus.class, record.get("status")),
                effective == null ? OptionalDouble.empty() : OptionalDouble.of((Double) effective),
                text(record.get("reason")),
                text(record.get("actor")),
                instant(record.get("time")));
    }
}
