package io.gridai.model.topic;

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
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.id.SandboxId;
import io.gridai.model.id.SourceId;
import io.gridai.model.id.ZoneId;
import io.gridai.model.wire.GridSerdes;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import java.util.List;
import java.util.Optional;

/**
 * Every Kafka topic of the platform: the only place topic names are written. The Strimzi manifest in
 * {@code k8s/base/kafka-topics.yaml} is generated from {@link #all()} by {@link TopicManifests}.
 */
public final class Topics {

    private static final Optional<Duration> WEEK = Optional.of(Duration.ofDays(7));
    private static final Optional<Duration> MONTH = Optional.of(Duration.ofDays(30));
    private static final Optional<Duration> FOREVER = Optional.empty();

    /** Validated, unit-normalised telemetry from ingestion, keyed by asset. */
    public static final Topic<AssetId, Measurement> TELEMETRY_RAW = new Topic<>("telemetry.raw",
            AssetId.class, Measurement.class, GridSerdes.assetId(), GridSerdes.measurement(), 6,
            CleanupPolicy.DELETE, WEEK, "Validated, unit-normalised telemetry from ingestion, keyed by asset.");

    /** Cleaned and deduplicated telemetry from Flink, keyed by asset. */
    public static final Topic<AssetId, Measurement> TELEMETRY_CLEAN = new Topic<>("telemetry.clean",
            AssetId.class, Measurement.class, GridSerdes.assetId(), GridSerdes.measurement(), 6,
            CleanupPolicy.DELETE, WEEK, "Cleaned, deduplicated, quality-flagged telemetry from Flink, keyed by asset.");

    /** Readings that arrived after their event-time window closed. */
    public static final Topic<AssetId, Measurement> TELEMETRY_LATE = new Topic<>("telemetry.late",
            AssetId.class, Measurement.class, GridSerdes.assetId(), GridSerdes.measurement(), 1,
            CleanupPolicy.DELETE, WEEK, "Readings that arrived after their event-time window had closed.");

    /** Records refused by ingestion; the key is null when the source is unknown. */
    public static final Topic<SourceId, RejectedRecord> TELEMETRY_DEAD_LETTER = new Topic<>("telemetry.deadletter",
            SourceId.class, RejectedRecord.class, GridSerdes.sourceId(), GridSerdes.rejectedRecord(), 1,
            CleanupPolicy.DELETE, MONTH,
            "Records refused by ingestion with the reason and raw bytes; key null when the source is unknown.");

    /** Limit-violation and data-quality alerts raised and cleared per asset. */
    public static final Topic<AssetId, Alert> GRID_ALERTS = new Topic<>("grid.alerts",
            AssetId.class, Alert.class, GridSerdes.assetId(), GridSerdes.alert(), 3,
            CleanupPolicy.DELETE, MONTH, "Limit-violation and data-quality alerts raised and cleared, keyed by asset.");

    /**
     * Min/mean/max/last per asset, substation and zone over tumbling event-time windows (1 s, 1 min, 15 min),
     * from Flink; keyed by {@code SCOPE/subject}, e.g. {@code ZONE/zone-1}.
     */
    public static final Topic<String, Aggregate> TELEMETRY_AGGREGATES = new Topic<>("telemetry.aggregates",
            String.class, Aggregate.class, GridSerdes.string(), GridSerdes.aggregate(), 6,
            CleanupPolicy.DELETE, MONTH,
            "Min, mean, max and last per asset, substation and zone over tumbling event-time windows, from Flink.");

    /** Zone load totals (5-minute and hourly) for the forecasters, keyed by zone. */
    public static final Topic<ZoneId, ZoneLoad> GRID_ZONE_LOAD = new Topic<>("grid.zone-load",
            ZoneId.class, ZoneLoad.class, GridSerdes.zoneId(), GridSerdes.zoneLoad(), 3,
            CleanupPolicy.DELETE, MONTH, "Total active power of each zone's loads per 5 minutes and per hour, from Flink.");

    /** Quantile forecasts per zone. */
    public static final Topic<ZoneId, Forecast> GRID_FORECASTS = new Topic<>("grid.forecasts",
            ZoneId.class, Forecast.class, GridSerdes.zoneId(), GridSerdes.forecast(), 3,
            CleanupPolicy.DELETE, MONTH, "Quantile load and renewable forecasts, keyed by zone.");

    /** Setpoints for assets from the optimiser, storage manager, operators and approved proposals. */
    public static final Topic<AssetId, Setpoint> GRID_SETPOINTS = new Topic<>("grid.setpoints",
            AssetId.class, Setpoint.class, GridSerdes.assetId(), GridSerdes.setpoint(), 3,
            CleanupPolicy.DELETE, MONTH, "Setpoints that passed their safety envelope, keyed by asset.");

    /**
     * Battery schedules from the dispatch optimiser, keyed by battery: what the optimiser wants each battery to do in
     * a period (origin {@code OPTIMISER}, target in generator sign, the period as validity window). They are not
     * setpoints for the plant: the storage manager reads them, adds frequency response and reserve holding, passes the
     * result through its safety envelope and publishes the one setpoint per battery on {@link #GRID_SETPOINTS}.
     */
    public static final Topic<AssetId, Setpoint> GRID_STORAGE_SCHEDULES = new Topic<>("grid.storage-schedules",
            AssetId.class, Setpoint.class, GridSerdes.assetId(), GridSerdes.setpoint(), 3,
            CleanupPolicy.DELETE, MONTH,
            "Battery schedules from the dispatch optimiser for the storage manager (not applied to the plant).");

    /** The plant's acknowledgement of each setpoint (accepted, clipped, rejected or expired), keyed by asset. */
    public static final Topic<AssetId, SetpointAck> GRID_SETPOINT_ACKS = new Topic<>("grid.setpoint-acks",
            AssetId.class, SetpointAck.class, GridSerdes.assetId(), GridSerdes.setpointAck(), 3,
            CleanupPolicy.DELETE, MONTH,
            "Acknowledgements of setpoints by the plant: accepted, clipped, rejected or expired.");

    /** Agent proposals awaiting or after security review; kept forever. */
    public static final Topic<ProposalId, Proposal> GRID_PROPOSALS = new Topic<>("grid.proposals",
            ProposalId.class, Proposal.class, GridSerdes.proposalId(), GridSerdes.proposal(), 1,
            CleanupPolicy.DELETE, FOREVER, "Agent proposals submitted for security review, kept forever.");

    /**
     * The operators' final decision on each proposal (approved with its approvers, or rejected with why), from the
     * operator API, for the agent gateway to execute approved proposals; one partition, kept forever like the
     * proposals.
     */
    public static final Topic<ProposalId, ProposalDecision> GRID_PROPOSAL_DECISIONS = new Topic<>(
            "grid.proposal-decisions", ProposalId.class, ProposalDecision.class, GridSerdes.proposalId(),
            GridSerdes.proposalDecision(), 1, CleanupPolicy.DELETE, FOREVER,
            "Operators' final decisions on agent proposals (approved by whom, or rejected and why), kept forever.");

    /** The hash-chained audit log; one partition keeps each chain in order, key = chain name. */
    public static final Topic<String, AuditEvent> GRID_AUDIT = new Topic<>("grid.audit",
            String.class, AuditEvent.class, GridSerdes.string(), GridSerdes.auditEvent(), 1,
            CleanupPolicy.DELETE, FOREVER,
            "Hash-chained audit events keyed by chain name; one partition, kept forever.");

    /**
     * Prefix of the Kafka-direct feed's inbound topics: a utility produces its own telemetry, unvalidated, to
     * {@code telemetry.inbound.<source id>} (see {@link #sourceInbound}); ingestion verifies and re-publishes
     * it like any other feed. These topics are per source, so they are not in {@link #all()}.
     */
    public static final String SOURCE_INBOUND_PREFIX = "telemetry.inbound.";

    private static final List<Topic<?, ?>> ALL = List.of(TELEMETRY_RAW, TELEMETRY_CLEAN, TELEMETRY_LATE,
            TELEMETRY_DEAD_LETTER, GRID_ALERTS, GRID_FORECASTS, GRID_SETPOINTS, GRID_SETPOINT_ACKS, GRID_PROPOSALS,
            GRID_AUDIT, TELEMETRY_AGGREGATES, GRID_ZONE_LOAD, GRID_STORAGE_SCHEDULES, GRID_PROPOSAL_DECISIONS);

    private Topics() {
    }

    /** Every topic, in a fixed order. */
    public static List<Topic<?, ?>> all() {
        return ALL;
    }

    /**
     * The inbound topic of one source's Kafka-direct feed: {@code telemetry.inbound.<source id>}. Values are
     * the utility's own bytes (a JSON object, a JSON array or CSV, as ingestion documents), keys are free text
     * (ingestion ignores them). Only the source may write to it (a Kafka ACL), so the topic names the sender.
     *
     * @throws IllegalArgumentException when the source id holds {@code :} or {@code /}, which Kafka topic names
     *                                  cannot
     */
    public static Topic<String, byte[]> sourceInbound(SourceId source) {
        try {
            return new Topic<>(SOURCE_INBOUND_PREFIX + source.value(), String.class, byte[].class,
                    GridSerdes.string(), Serdes.ByteArray(), 3, CleanupPolicy.DELETE, WEEK,
                    "Unvalidated telemetry produced by source " + source
                    + " itself (Kafka-direct feed), verified and re-published by ingestion.");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source id '" + source + "' cannot name a Kafka topic (" + e.getMessage()
                    + "); give a source that uses the Kafka-direct feed an id of letters, digits, '.', '_' and '-'"
                    + " only", e);
        }
    }

    /** The source whose inbound topic this is, if {@code topicName} is one ({@link #sourceInbound}). */
    public static Optional<SourceId> sourceOfInbound(String topicName) {
        if (topicName == null || !topicName.startsWith(SOURCE_INBOUND_PREFIX)
                || topicName.length() == SOURCE_INBOUND_PREFIX.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SourceId.of(topicName.substring(SOURCE_INBOUND_PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The topics of sandbox {@code name} ({@code sandbox.<name>.<topic>}), e.g. for a replay of archived data.
     *
     * @throws IllegalArgumentException when the name breaks {@link SandboxId}'s rule, saying what is wrong
     */
    public static SandboxTopics sandbox(String name) {
        return sandbox(SandboxId.of(name));
    }

    /** The topics of this sandbox ({@code sandbox.<name>.<topic>}). */
    public static SandboxTopics sandbox(SandboxId sandbox) {
        return new SandboxTopics(sandbox);
    }

    /** The topic with exactly this name. */
    public static Optional<Topic<?, ?>> byName(String name) {
        return ALL.stream().filter(topic -> topic.name().equals(name)).findFirst();
    }

    /**
     * The registry's telemetry topic (measurements keyed by asset) of this name: {@code telemetry.raw},
     * {@code telemetry.clean} or {@code telemetry.late}; empty for any other name.
     */
    @SuppressWarnings("unchecked")
    public static Optional<Topic<AssetId, Measurement>> measurementTopic(String name) {
        return byName(name).filter(topic -> topic.valueType() == Measurement.class && topic.keyType() == AssetId.class)
                .map(topic -> (Topic<AssetId, Measurement>) topic);
    }
}
