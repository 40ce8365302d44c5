package io.gridai.model.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.model.AuditEvent;
import io.gridai.model.GridModelFixtures;
import io.gridai.model.Measurement;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.wire.WireFormats;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void theRegistryHoldsEveryTopicOnceUnderALegalName() {
        assertThat(Topics.all()).extracting(Topic::name).containsExactly("telemetry.raw", "telemetry.clean",
                "telemetry.late", "telemetry.deadletter", "grid.alerts", "grid.forecasts", "grid.setpoints",
                "grid.setpoint-acks", "grid.proposals", "grid.audit", "telemetry.aggregates",
                "grid.zone-load", "grid.storage-schedules", "grid.proposal-decisions");
        assertThat(Topics.all()).extracting(Topic::name)
                .allMatch(name -> name.matches("[a-zA-Z0-9._-]{1,249}"))
                .doesNotHaveDuplicates();
        // Kafka warns that '.' and '_' collide in metric names; names must stay distinct once unified.
        assertThat(Topics.all()).extracting(topic -> topic.name().replace('.', '_').toLowerCase(Locale.ROOT))
                .doesNotHaveDuplicates();
    }

    @Test
    void findsTopicsByName() {
        assertThat(Topics.byName("grid.audit")).containsSame(Topics.GRID_AUDIT);
        assertThat(Topics.byName("grid.nope")).isEmpty();
    }

    @Test
    void everyValueTypeHasAWireFormatAndEveryTopicADescription() {
        for (Topic<?, ?> topic : Topics.all()) {
            assertThat(WireFormats.types()).as(topic.name()).contains(topic.valueType());
            assertThat(topic.description()).as(topic.name()).isNotBlank().doesNotContain("\\n");
        }
    }

    @Test
    void configsCarryCleanupPolicyAndRetentionInMilliseconds() {
        assertThat(Topics.TELEMETRY_RAW.configs())
                .containsExactly(Map.entry("cleanup.policy", "delete"), Map.entry("retention.ms", "604800000"));
        assertThat(Topics.GRID_ALERTS.configs()).containsEntry("retention.ms", "2592000000");
        assertThat(Topics.GRID_AUDIT.configs()).containsEntry("retention.ms", "-1");
        assertThat(Topics.GRID_AUDIT.partitions()).isEqualTo(1);
        assertThat(Topics.TELEMETRY_RAW.partitions()).isEqualTo(6);
        assertThat(Topics.GRID_SETPOINT_ACKS.configs())
                .containsExactly(Map.entry("cleanup.policy", "delete"), Map.entry("retention.ms", "2592000000"));
        assertThat(Topics.GRID_SETPOINT_ACKS.partitions()).isEqualTo(3);
        assertThat(Topics.GRID_SETPOINT_ACKS.keyType()).isEqualTo(AssetId.class);
        assertThat(Topics.GRID_PROPOSAL_DECISIONS.configs()).containsEntry("retention.ms", "-1");
        assertThat(Topics.GRID_PROPOSAL_DECISIONS.partitions()).isEqualTo(1);
        assertThat(Topics.GRID_PROPOSAL_DECISIONS.keyType()).isEqualTo(io.gridai.model.id.ProposalId.class);
    }

    @Test
    void theTopicSerdesCarryTheirTypes() {
        Measurement m = GridModelFixtures.measurement();
        Topic<AssetId, Measurement> topic = Topics.TELEMETRY_CLEAN;

        byte[] key = topic.keySerde().serializer().serialize(topic.name(), m.asset());
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), m);
        assertThat(topic.keySerde().deserializer().deserialize(topic.name(), key)).isEqualTo(m.asset());
        assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), value)).isEqualTo(m);
        AuditEvent event = GridModelFixtures.auditEvent();
        assertThat(Topics.GRID_AUDIT.valueSerde().deserializer().deserialize("grid.audit",
                Topics.GRID_AUDIT.valueSerde().serializer().serialize("grid.audit", event))).isEqualTo(event);
    }

    @Test
    void aNamespacedCopyKeepsEverythingButTheName() {
        Topic<AssetId, Measurement> sandbox = Topics.TELEMETRY_RAW.inNamespace("replay-42");

        assertThat(sandbox.name()).isEqualTo("replay-42.telemetry.raw");
        assertThat(sandbox.configs()).isEqualTo(Topics.TELEMETRY_RAW.configs());
        assertThat(sandbox.valueSerde()).isSameAs(Topics.TELEMETRY_RAW.valueSerde());
        assertThat(sandbox.partitions()).isEqualTo(Topics.TELEMETRY_RAW.partitions());
    }

    @Test
    void refusesIllegalNamespacesAndTopics() {
        for (String bad : new String[] {"", "has space", "sandbox.", ".sandbox", "a/b", "x".repeat(240)}) {
            assertThatIllegalArgumentException().as("'%s'", bad)
                    .isThrownBy(() -> Topics.TELEMETRY_RAW.inNamespace(bad));
        }
        Topic<AssetId, Measurement> t = Topics.TELEMETRY_RAW;
        assertThatIllegalArgumentException().isThrownBy(() -> new Topic<>(t.name(), t.keyType(), t.valueType(),
                t.keySerde(), t.valueSerde(), 0, t.cleanupPolicy(), t.retention(), t.description()))
                .withMessageContaining("at least 1 partition");
        assertThatIllegalArgumentException().isThrownBy(() -> new Topic<>(t.name(), t.keyType(), t.valueType(),
                t.keySerde(), t.valueSerde(), 1, t.cleanupPolicy(), Optional.of(Duration.ZERO), t.description()))
                .withMessageContaining("Optional.empty() to keep records forever");
    }

    @Test
    void eachSourceHasItsOwnInboundTopicThatNamesIt() {
        Topic<String, byte[]> inbound = Topics.sourceInbound(SourceId.of("utility-a"));
        assertThat(inbound.name()).isEqualTo(Topics.SOURCE_INBOUND_PREFIX + "utility-a");
        assertThat(Topics.sourceOfInbound(inbound.name())).contains(SourceId.of("utility-a"));
        assertThat(Topics.byName(inbound.name())).isEmpty();
        assertThat(inbound.valueSerde().deserializer().deserialize(inbound.name(), new byte[] {1, 2}))
                .containsExactly(1, 2);
        assertThat(Topics.sourceOfInbound(Topics.TELEMETRY_RAW.name())).isEmpty();
        assertThat(Topics.sourceOfInbound(Topics.SOURCE_INBOUND_PREFIX)).isEmpty();
        assertThatThrownBy(() -> Topics.sourceInbound(SourceId.of("pmu:7")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot name a Kafka topic");
    }

    @Test
    void measurementTopicsAreTheTelemetryTopicsOnly() {
        assertThat(Topics.measurementTopic("telemetry.raw")).containsSame(Topics.TELEMETRY_RAW);
        assertThat(Topics.measurementTopic("telemetry.clean")).containsSame(Topics.TELEMETRY_CLEAN);
        assertThat(Topics.measurementTopic("grid.setpoints")).isEmpty();
        assertThat(Topics.measurementTopic("telemetry.deadletter")).isEmpty();
        assertThat(Topics.measurementTopic("no.such.topic")).isEmpty();
    }
}
