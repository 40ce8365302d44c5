package io.gridai.model.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.model.ActorType;
import io.gridai.model.AggregateScope;
import io.gridai.model.AlertState;
import io.gridai.model.AlertType;
import io.gridai.model.QualityFlag;
import io.gridai.model.RejectionReason;
import io.gridai.model.RiskLevel;
import io.gridai.model.SetpointAckStatus;
import io.gridai.model.SetpointOrigin;
import io.gridai.model.Severity;
import io.gridai.model.unit.MeasurementKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rules every shipped schema follows, so evolution mistakes fail the build rather than a consumer. */
class ShippedSchemasTest {

    /** Every Avro enum name used in our schemas and the Java enum it mirrors. */
    private static final Map<String, Class<? extends Enum<?>>> JAVA_ENUMS = Map.ofEntries(
            Map.entry("MeasurementKind", MeasurementKind.class), Map.entry("QualityFlag", QualityFlag.class),
            Map.entry("SetpointOrigin", SetpointOrigin.class), Map.entry("RiskLevel", RiskLevel.class),
            Map.entry("ActorType", ActorType.class), Map.entry("AlertType", AlertType.class),
            Map.entry("Severity", Severity.class), Map.entry("AlertState", AlertState.class),
            Map.entry("RejectionReason", RejectionReason.class),
            Map.entry("SetpointAckStatus", SetpointAckStatus.class),
            Map.entry("AggregateScope", AggregateScope.class),
            Map.entry("ProposalOutcome", io.gridai.model.ProposalOutcome.class));

    @ParameterizedTest
    @EnumSource(SchemaHistory.class)
    void everyShippedVersionIsReadableByTheCurrentReader(SchemaHistory history) {
        for (Schema writer : history.schemas()) {
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(history.current(), writer).getType())
                    .as("%s reading %s", history.current().getFullName(), writer)
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
        assertThat(history.schemas()).hasSize(history.latestVersion());
        assertThat(WireFormats.all()).anySatisfy(format -> assertThat(format.history()).isEqualTo(history.schemas()));
    }

    @ParameterizedTest
    @EnumSource(SchemaHistory.class)
    void currentEnumSymbolsAreExactlyTheJavaConstantsAndOlderOnesAPrefix(SchemaHistory history) {
        for (Schema schema : history.schemas()) {
            for (Schema avroEnum : enumsIn(schema)) {
                Class<? extends Enum<?>> javaEnum = JAVA_ENUMS.get(avroEnum.getName());
                assertThat(javaEnum).as("Java enum for Avro enum %s", avroEnum.getFullName()).isNotNull();
                List<String> constants = Arrays.stream(javaEnum.getEnumConstants()).map(Enum::name).toList();
                if (schema == history.current()) {
                    assertThat(avroEnum.getEnumSymbols()).as("%s in %s", avroEnum.getName(), history)
                            .containsExactlyElementsOf(constants);
                } else {
                    assertThat(constants.subList(0, avroEnum.getEnumSymbols().size()))
                            .as("%s in an older %s (symbols may only be appended)", avroEnum.getName(), history)
                            .containsExactlyElementsOf(avroEnum.getEnumSymbols());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SchemaHistory.class)
    void everyFieldIsDocumentedAndLivesInOurNamespace(SchemaHistory history) {
        Schema current = history.current();
        assertThat(current.getNamespace()).isEqualTo("io.gridai.model.avro");
        assertThat(current.getName()).isEqualTo(history.typeName());
        for (Schema record : recordsIn(current)) {
            for (Schema.Field field : record.getFields()) {
                assertThat(field.doc()).as("doc of %s.%s", record.getName(), field.name()).isNotBlank();
            }
        }
    }

    @Test
    void everyTimeIsATimestampInNanosecondsAndEveryDurationALongInNanoseconds() {
        List<String> times = new ArrayList<>();
        List<String> durations = new ArrayList<>();
        for (SchemaHistory history : SchemaHistory.values()) {
            for (Schema record : recordsIn(history.current())) {
                for (Schema.Field field : record.getFields()) {
                    String name = record.getName() + "." + field.name();
                    if (field.schema().getLogicalType() != null) {
                        assertThat(field.schema().getLogicalType().getName()).as(name).isEqualTo("timestamp-nanos");
                        times.add(name);
                    } else if (field.name().endsWith("Nanos")) {
                        assertThat(field.schema().getType()).as(name).isEqualTo(Schema.Type.LONG);
                        durations.add(name);
                    }
                }
            }
        }
        assertThat(times).containsExactlyInAnyOrder("Measurement.eventTime", "Measurement.ingestTime",
                "Forecast.issueTime", "Forecast.madeAt", "ForecastStep.validTime", "Setpoint.validFrom", "Setpoint.validUntil",
                "Setpoint.issuedAt", "SetpointAck.time", "Proposal.createdAt", "AuditEvent.time", "Alert.time",
                "RejectedRecord.receivedAt", "Aggregate.windowStart", "Aggregate.lastTime", "ZoneLoad.windowStart",
                "ProposalSignoff.at");
        assertThat(durations).containsExactlyInAnyOrder("Forecast.stepNanos", "ProposedAction.validForNanos",
                "Aggregate.windowNanos", "ZoneLoad.windowNanos");
    }

    private static List<Schema> enumsIn(Schema schema) {
        return collect(schema, Schema.Type.ENUM, new ArrayList<>());
    }

    private static List<Schema> recordsIn(Schema schema) {
        return collect(schema, Schema.Type.RECORD, new ArrayList<>());
    }

    private static List<Schema> collect(Schema schema, Schema.Type type, List<Schema> found) {
        if (schema.getType() == type && !found.contains(schema)) {
            found.add(schema);
        }
        switch (schema.getType()) {
            case RECORD -> schema.getFields().forEach(field -> collect(field.schema(), type, found));
            case ARRAY -> collect(schema.getElementType(), type, found);
            case MAP -> collect(schema.getValueType(), type, found);
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, type, found));
            default -> { }
        }
        return found;
    }
}
