package io.gridai.model.wire;

import static io.gridai.model.wire.AvroValues.enumValue;
import static io.gridai.model.wire.AvroValues.instant;
import static io.gridai.model.wire.AvroValues.nanos;
import static io.gridai.model.wire.AvroValues.symbol;
import static io.gridai.model.wire.AvroValues.text;

import io.gridai.model.ActorType;
import io.gridai.model.AuditEvent;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * {@link AuditEvent} ↔ {@code io.gridai.model.avro.AuditEvent}. Hashes travel as written and are not
 * recomputed, so a verifier sees exactly what was stored.
 */
public final class AuditEventMapper implements AvroMapper<AuditEvent> {

    private final Schema schema = SchemaHistory.AUDIT_EVENT.current();

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public GenericRecord toRecord(AuditEvent value) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("sequence", value.sequence());
        record.put("time", nanos(value.time()));
        record.put("actorType", symbol(record, "actorType", value.actorType()));
        record.put("actor", value.actor());
        record.put("action", value.action());
        record.put("subject", value.subject());
        record.put("details", value.details());
        record.put("previousHash", value.previousHash());
        record.put("hash", value.hash());
        return record;
    }

    @Override
    public AuditEvent fromRecord(GenericRecord record) {
        return new AuditEvent(
                (Long) record.get("sequence"),
                instant(record.get("time")),
                enumValue(ActorType.class, record.get("actorType")),
                text(record.get("actor")),
                text(record.get("action")),
                text(record.get("subject")),
                AvroValues.texts(record.get("details")),
                text(record.get("previousHash")),
                text(record.get("hash")));
    }
}
