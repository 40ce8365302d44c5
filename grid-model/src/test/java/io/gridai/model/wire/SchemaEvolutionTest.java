package io.gridai.model.wire;

import static io.gridai.model.GridModelFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridai.model.Measurement;
import io.gridai.model.id.MeasurementId;
import io.gridai.model.unit.MeasurementKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * Records written by an older schema still read after a compatible change. The "older" Measurement schema
 * is today's minus the {@code quality} field (which has a default) and minus the last MeasurementKind
 * symbol, i.e. what v1 would have looked like had those two been added later.
 */
class SchemaEvolutionTest {

    private static final long T0_NANOS = T0.getEpochSecond() * 1_000_000_000L + T0.getNano();

    @Test
    void anOldMeasurementReadsWithTheDefaultOfTheFieldAddedSince() throws IOException {
        Schema older = olderMeasurementSchema();
        WireFormat<Measurement> reader = WireFormat.of(Measurement.class, new MeasurementMapper(), List.of(older));

        Measurement decoded = reader.decode(encodeWithOlderSchema(older));

        assertThat(decoded.quality()).as("defaulted field").isEmpty();
        assertThat(decoded.kind()).isEqualTo(MeasurementKind.FREQUENCY);
        assertThat(decoded.value()).isEqualTo(49.95);
        assertThat(decoded.id()).isEqualTo(MeasurementId.of("m-old-1"));
        assertThat(decoded.eventTime()).isEqualTo(T0);
        assertThat(reader.history()).containsExactly(older, reader.currentSchema());
    }

    @Test
    void theShippedReaderRejectsTheOldSchemaUntilItIsRegisteredNamingTheFingerprint() throws IOException {
        Schema older = olderMeasurementSchema();
        String fingerprint = String.format("0x%016x", WireFormat.fingerprint(older));

        assertThatThrownBy(() -> WireFormat.of(Measurement.class).decode(encodeWithOlderSchema(older)))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("cannot decode Measurement")
                .hasMessageContaining(fingerprint)
                .hasMessageContaining("upgrade this service")
                .hasMessageContaining("SchemaHistory");
    }

    @Test
    void anIncompatibleHistoryIsRefusedWhenTheFormatIsBuilt() {
        Schema current = SchemaHistory.MEASUREMENT.current();
        Schema stringValue = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
                copyFields(current, "value", new Schema.Field("value", Schema.create(Schema.Type.STRING), "text")));

        assertThatThrownBy(() -> WireFormat.of(Measurement.class, new MeasurementMapper(), List.of(stringValue)))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("cannot read writer schema")
                .hasMessageContaining("only add fields with defaults");
    }

    @Test
    void aForecastWrittenByV1ReadsAsMadeAtItsIssueTime() throws IOException {
        Schema v1 = SchemaHistory.FORECAST.schemas().get(0);
        assertThat(v1.getField("madeAt")).isNull();
        GenericRecord record = new GenericData.Record(v1);
        record.put("zone", "zone-east");
        record.put("kind", new GenericData.EnumSymbol(v1.getField("kind").schema(), "ACTIVE_POWER"));
        record.put("issueTime", T0_NANOS);
        record.put("stepNanos", 3_600_000_000_000L);
        record.put("quantileLevels", List.of(0.1, 0.5, 0.9));
        Schema stepSchema = v1.getField("steps").schema().getElementType();
        GenericRecord step = new GenericData.Record(stepSchema);
        step.put("index", 0);
        step.put("validTime", T0_NANOS + 3_600_000_000_000L);
        step.put("values", List.of(-120.0, -110.0, -100.0));
        record.put("steps", List.of(step));
        record.put("modelVersion", "day-ahead-v1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(new GenericData(), v1).encode(record, out);

        io.gridai.model.Forecast decoded = WireFormat.of(io.gridai.model.Forecast.class).decode(out.toByteArray());

        assertThat(decoded.madeAt()).isEqualTo(T0);
        assertThat(decoded.issueTime()).isEqualTo(T0);
        assertThat(decoded.p50(0)).isEqualTo(-110.0);
    }

    @Test
    void aSetpointWrittenByV1ReadsAsARealSetpoint() throws IOException {
        Schema v1 = SchemaHistory.SETPOINT.schemas().get(0);
        assertThat(v1.getField("sandbox")).isNull();
        assertThat(SchemaHistory.SETPOINT.current().getField("sandbox")).isNotNull();
        GenericRecord record = new GenericData.Record(v1);
        record.put("id", "sp-v1");
        record.put("asset", "gen-2-1");
        record.put("kind", new GenericData.EnumSymbol(v1.getField("kind").schema(), "ACTIVE_POWER"));
        record.put("target", 80.0);
        record.put("validFrom", T0_NANOS);
        record.put("validUntil", T0_NANOS + 60_000_000_000L);
        record.put("origin", new GenericData.EnumSymbol(v1.getField("origin").schema(), "OPTIMISER"));
        record.put("proposal", null);
        record.put("issuedBy", "dispatch-optimizer");
        record.put("issuedAt", T0_NANOS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(new GenericData(), v1).encode(record, out);

        io.gridai.model.Setpoint decoded = WireFormat.of(io.gridai.model.Setpoint.class).decode(out.toByteArray());

        assertThat(decoded.sandbox()).as("no sandbox field in v1: a real setpoint").isEmpty();
        assertThat(decoded.fromSandbox()).isFalse();
        assertThat(decoded.origin()).isEqualTo(io.gridai.model.SetpointOrigin.OPTIMISER);
        assertThat(decoded.target()).isEqualTo(80.0);
        assertThat(decoded.validFrom()).isEqualTo(T0);
    }

    private static byte[] encodeWithOlderSchema(Schema older) throws IOException {
        GenericRecord record = new GenericData.Record(older);
        record.put("id", "m-old-1");
        record.put("source", "scada-north");
        record.put("asset", "wf-kessingland-1");
        record.put("kind", new GenericData.EnumSymbol(older.getField("kind").schema(), "FREQUENCY"));
        record.put("value", 49.95);
        record.put("eventTime", T0_NANOS);
        record.put("ingestTime", T0_NANOS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(new GenericData(), older).encode(record, out);
        return out.toByteArray();
    }

    /** Today's Measurement schema without {@code quality} and without the last MeasurementKind symbol. */
    private static Schema olderMeasurementSchema() {
        Schema current = SchemaHistory.MEASUREMENT.current();
        Schema kind = current.getField("kind").schema();
        List<String> fewerKinds = kind.getEnumSymbols().subList(0, kind.getEnumSymbols().size() - 1);
        Schema olderKind = Schema.createEnum(kind.getName(), kind.getDoc(), kind.getNamespace(), fewerKinds);
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : current.getFields()) {
            if (field.name().equals("kind")) {
                fields.add(new Schema.Field("kind", olderKind, field.doc()));
            } else if (!field.name().equals("quality")) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    private static List<Schema.Field> copyFields(Schema schema, String replaced, Schema.Field replacement) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(field.name().equals(replaced) ? replacement : new Schema.Field(field, field.schema()));
        }
        return fields;
    }
}
