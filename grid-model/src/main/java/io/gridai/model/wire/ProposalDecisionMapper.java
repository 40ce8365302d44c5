package io.gridai.model.wire;

import static io.gridai.model.wire.AvroValues.enumValue;
import static io.gridai.model.wire.AvroValues.instant;
import static io.gridai.model.wire.AvroValues.nanos;
import static io.gridai.model.wire.AvroValues.symbol;
import static io.gridai.model.wire.AvroValues.text;

import io.gridai.model.ProposalDecision;
import io.gridai.model.ProposalOutcome;
import io.gridai.model.ProposalSignoff;
import io.gridai.model.RiskLevel;
import io.gridai.model.id.ProposalId;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** {@link ProposalDecision} ↔ {@code io.gridai.model.avro.ProposalDecision} (signoffs as nested records). */
public final class ProposalDecisionMapper implements AvroMapper<ProposalDecision> {

    private final Schema schema = SchemaHistory.PROPOSAL_DECISION.current();

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public GenericRecord toRecord(ProposalDecision value) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("proposal", value.proposal().value());
        record.put("outcome", symbol(record, "outcome", value.outcome()));
        record.put("risk", symbol(record, "risk", value.risk()));
        Schema signoffSchema = AvroValues.items(record, "signoffs");
        List<GenericRecord> signoffs = new ArrayList<>(value.signoffs().size());
        for (ProposalSignoff s : value.signoffs()) {
            GenericRecord r = new GenericData.Record(signoffSchema);
            r.put("by", s.by());
            r.put("at", nanos(s.at()));
            r.put("reason", s.reason());
            signoffs.add(r);
        }
        record.put("signoffs", signoffs);
        record.put("auditChain", value.auditChain());
        record.put("auditSequence", value.auditSequence());
        return record;
    }

    @Override
    public ProposalDecision fromRecord(GenericRecord record) {
        List<?> records = (List<?>) record.get("signoffs");
        List<ProposalSignoff> signoffs = new ArrayList<>(records.size());
        for (Object o : records) {
            GenericRecord s = (GenericRecord) o;
            signoffs.add(new ProposalSignoff(text(s.get("by")), instant(s.get("at")), text(s.get("reason"))));
        }
        return new ProposalDecision(
                ProposalId.of(text(record.get("proposal"))),
                enumValue(ProposalOutcome.class, record.get("outcome")),
                enumValue(RiskLevel.class, record.get("risk")),
                signoffs,
                text(record.get("auditChain")),
                (Long) record.get("auditSequence"));
    }
}
