package io.gridai.model.wire;

import static io.gridai.model.wire.AvroValues.enumValue;
import static io.gridai.model.wire.AvroValues.instant;
import static io.gridai.model.wire.AvroValues.nanos;
import static io.gridai.model.wire.AvroValues.symbol;
import static io.gridai.model.wire.AvroValues.text;

import io.gridai.model.Setpoint;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.id.SandboxId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.unit.MeasurementKind;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * {@link Setpoint} ↔ {@code io.gridai.model.avro.Setpoint}; an absent proposal or sandbox is {@code null} (v1 records
 * have no sandbox field and read as real setpoints).
 */
public final class SetpointMapper implements AvroMapper<Setpoint> {

    private final Schema schema = SchemaHistory.SETPOINT.current();

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public GenericRecord toRecord(Setpoint value) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", value.id().value());
        record.put("asset", value.asset().value());
        record.put("kind", symbol(record, "kind", value.kind()));
        record.put("target", value.target());
        record.put("validFrom", nanos(value.validFrom()));
        record.put("validUntil", nanos(value.validUntil()));
        record.put("origin", symbol(record, "origin", value.origin()));
        record.put("proposal", value.proposal().map(ProposalId::value).orElse(null));
        record.put("issuedBy", value.issuedBy());
        record.put("issuedAt", nanos(value.issuedAt()));
        record.put("sandbox", value.sandbox().map(SandboxId::value).orElse(null));
        return record;
    }

    @Override
    public Setpoint fromRecord(GenericRecord record) {
        return new Setpoint(
                SetpointId.of(text(record.get("id"))),
                AssetId.of(text(record.get("asset"))),
                enumValue(MeasurementKind.class, record.get("kind")),
                (Double) record.get("target"),
                instant(record.get("validFrom")),
                instant(record.get("validUntil")),
                enumValue(SetpointOrigin.class, record.get("origin")),
                Optional.ofNullable(text(record.get("proposal"))).map(ProposalId::of),
                text(record.get("issuedBy")),
                instant(record.get("issuedAt")),
                Optional.ofNullable(text(record.get("sandbox"))).map(SandboxId::of));
    }
}
