package io.gridai.model.wire;

import io.gridai.model.Aggregate;
import io.gridai.model.Alert;
import io.gridai.model.AuditEvent;
import io.gridai.model.Forecast;
import io.gridai.model.Measurement;
import io.gridai.model.Proposal;
import io.gridai.model.ProposalDecision;
import io.gridai.model.RejectedRecord;
import io.gridai.model.Setpoint;
import io.gridai.model.SetpointAck;
import io.gridai.model.ZoneLoad;
import io.gridai.model.id.AgentId;
import io.gridai.model.id.AlertId;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.MeasurementId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.id.SetpointId;
import io.gridai.model.id.SourceId;
import io.gridai.model.id.SubstationId;
import io.gridai.model.id.ZoneId;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Kafka serdes for every wire type and typed identifier, in the manner of Kafka's {@code Serdes}. */
public final class GridSerdes {

    private GridSerdes() {
    }

    /** The serde of any registered wire type (see {@link WireFormats#types()}). */
    public static <T> WireSerde<T> value(Class<T> type) {
        return WireSerde.of(type);
    }

    public static WireSerde<Measurement> measurement() {
        return value(Measurement.class);
    }

    public static WireSerde<Forecast> forecast() {
        return value(Forecast.class);
    }

    public static WireSerde<Setpoint> setpoint() {
        return value(Setpoint.class);
    }

    public static WireSerde<SetpointAck> setpointAck() {
        return value(SetpointAck.class);
    }

    public static WireSerde<Proposal> proposal() {
        return value(Proposal.class);
    }

    public static WireSerde<ProposalDecision> proposalDecision() {
        return value(ProposalDecision.class);
    }

    public static WireSerde<AuditEvent> auditEvent() {
        return value(AuditEvent.class);
    }

    public static WireSerde<Alert> alert() {
        return value(Alert.class);
    }

    public static WireSerde<RejectedRecord> rejectedRecord() {
        return value(RejectedRecord.class);
    }

    public static WireSerde<Aggregate> aggregate() {
        return value(Aggregate.class);
    }

    public static WireSerde<ZoneLoad> zoneLoad() {
        return value(ZoneLoad.class);
    }

    public static IdSerde<AssetId> assetId() {
        return new IdSerde<>(AssetId.class, AssetId::of);
    }

    public static IdSerde<SubstationId> substationId() {
        return new IdSerde<>(SubstationId.class, SubstationId::of);
    }

    public static IdSerde<ZoneId> zoneId() {
        return new IdSerde<>(ZoneId.class, ZoneId::of);
    }

    public static IdSerde<SourceId> sourceId() {
        return new IdSerde<>(SourceId.class, SourceId::of);
    }

    public static IdSerde<AgentId> agentId() {
        return new IdSerde<>(AgentId.class, AgentId::of);
    }

    public static IdSerde<ProposalId> proposalId() {
        return new IdSerde<>(ProposalId.class, ProposalId::of);
    }

    public static IdSerde<MeasurementId> measurementId() {
        return new IdSerde<>(MeasurementId.class, MeasurementId::of);
    }

    public static IdSerde<SetpointId> setpointId() {
        return new IdSerde<>(SetpointId.class, SetpointId::of);
    }

    public static IdSerde<AlertId> alertId() {
        return new IdSerde<>(AlertId.class, AlertId::of);
    }

    /** Plain UTF-8 strings, for keys that are not typed ids (e.g. the audit chain name). */
    public static Serde<String> string() {
        return Serdes.String();
    }
}
