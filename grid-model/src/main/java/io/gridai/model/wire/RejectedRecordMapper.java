package io.gridai.model.wire;

import static io.gridai.model.wire.AvroValues.enumValue;
import static io.gridai.model.wire.AvroValues.instant;
import static io.gridai.model.wire.AvroValues.nanos;
import static io.gridai.model.wire.AvroValues.symbol;
import static io.gridai.model.wire.AvroValues.text;

import io.gridai.model.RejectedRecord;
import io.gridai.model.RejectionReason;
import io.gridai.model.id.SourceId;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** {@link RejectedRecord} ↔ {@code io.gridai.model.avro.RejectedRecord}; an unknown source is {@code null}. */
public final class RejectedRecordMapper implements AvroMapper<RejectedRecord> {

    private final Schema schema = SchemaHistory.REJECTED_RECORD.current();

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public GenericRecord toRecord(RejectedRecord value) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("source", value.source().map(SourceId::value).orElse(null));
        record.put("channel", value.channel());
        record.put("reason", symbol(record, "reason", value.reason()));
        record.put("detail", value.detail());
        record.put("payload", AvroValues.bytes(value.payload()));
        record.put("contentType", value.contentType());
        record.put("receivedAt", nanos(value.receivedAt()));
        return record;
    }

    @Override
    public RejectedRecord fromRecord(GenericRecord record) {
        return new RejectedRecord(
                Optional.ofNullable(text(record.get("source"))).map(SourceId::of),
                text(record.get("channel")),
                enumValue(RejectionReason.class, record.get("reason")),
                text(record.get("detail")),
                AvroValues.bytes(record.get("payload")),
                text(record.get("contentType")),
                instant(record.get("receivedAt")));
    }
}
