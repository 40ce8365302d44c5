package io.gridai.model.wire;

import static io.gridai.model.wire.AvroValues.enumValue;
import static io.gridai.model.wire.AvroValues.instant;
import static io.gridai.model.wire.AvroValues.nanos;
import static io.gridai.model.wire.AvroValues.symbol;
import static io.gridai.model.wire.AvroValues.text;

import io.gridai.model.Alert;
import io.gridai.model.AlertState;
import io.gridai.model.AlertType;
import io.gridai.model.Severity;
import io.gridai.model.id.AlertId;
import io.gridai.model.id.AssetId;
import io.gridai.model.unit.MeasurementKind;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** {@link Alert} ↔ {@code io.gridai.model.avro.Alert}. */
public final class AlertMapper implements AvroMapper<Alert> {

    private final Schema schema = SchemaHistory.ALERT.current();

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public GenericRecord toRecord(Alert value) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", value.id().value());
        record.put("asset", value.asset().value());
        record.put("type", symbol(record, "type", value.type()));
        record.put("severity", symbol(record, "severity", value.severity()));
        record.put("state", symbol(record, "state", value.state()));
        record.put("kind", symbol(record, "kind", value.kind()));
        record.put("value", value.value());
        record.put("limit", value.limit());
        record.put("time", nanos(value.time()));
        record.put("message", value.message());
        return record;
    }

    @Override
    public Alert fromRecord(GenericRecord record) {
        return new Alert(
                AlertId.of(text(record.get("id"))),
                AssetId.of(text(record.get("asset"))),
                enumValue(AlertType.class, record.get("type")),
                enumValue(Severity.class, record.get("severity")),
                enumValue(AlertState.class, record.get("state")),
                enumValue(MeasurementKind.class, record.get("kind")),
                (Double) record.get("value"),
                (Double) record.get("limit"),
                instant(record.get("time")),
                text(record.get("message")));
    }
}
