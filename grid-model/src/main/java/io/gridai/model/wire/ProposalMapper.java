package io.gridai.model.wire;

import static io.gridai.model.wire.AvroValues.enumValue;
import static io.gridai.model.wire.AvroValues.instant;
import static io.gridai.model.wire.AvroValues.nanos;
import static io.gridai.model.wire.AvroValues.symbol;
import static io.gridai.model.wire.AvroValues.text;

import io.gridai.model.Proposal;
import io.gridai.model.ProposedAction;
import io.gridai.model.RiskLevel;
import io.gridai.model.id.AgentId;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.unit.MeasurementKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** {@link Proposal} ↔ {@code io.gridai.model.avro.Proposal} (actions as nested {@code ProposedAction} records). */
public final class ProposalMapper implements AvroMapper<Proposal> {

    private final Schema schema = SchemaHistory.PROPOSAL.current();

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public GenericRecord toRecord(Proposal value) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", value.id().value());
        record.put("agent", value.agent().value());
        record.put("createdAt", nanos(value.createdAt()));
        record.put("title", value.title());
        record.put("rationale", value.rationale());
        Schema actionSchema = AvroValues.items(record, "actions");
        List<GenericRecord> actions = new ArrayList<>(value.actions().size());
        for (ProposedAction action : value.actions()) {
            GenericRecord actionRecord = new GenericData.Record(actionSchema);
            actionRecord.put("asset", action.asset().value());
            actionRecord.put("kind", symbol(actionRecord, "kind", action.kind()));
            actionRecord.put("target", action.target());
            actionRecord.put("validForNanos", nanos(action.validFor()));
            actions.add(actionRecord);
        }
        record.put("actions", actions);
        record.put("risk", symbol(record, "risk", value.risk()));
        return record;
    }

    @Override
    public Proposal fromRecord(GenericRecord record) {
        List<?> actionRecords = (List<?>) record.get("actions");
        List<ProposedAction> actions = new ArrayList<>(actionRecords.size());
        for (Object actionObject : actionRecords) {
            GenericRecord action = (GenericRecord) actionObject;
            actions.add(new ProposedAction(
                    AssetId.of(text(action.get("asset"))),
                    enumValue(MeasurementKind.class, action.get("kind")),
                    (Double) action.get("target"),
                    AvroValues.duration(action.get("validForNanos"))));
        }
        return new Proposal(
                ProposalId.of(text(record.get("id"))),
                AgentId.of(text(record.get("agent"))),
                instant(record.get("createdAt")),
                text(record.get("title")),
                text(record.get("rationale")),
                actions,
                enumValue(RiskLevel.class, record.get("risk")));
    }
}
