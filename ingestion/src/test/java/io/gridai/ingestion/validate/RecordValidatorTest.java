package io.gridai.ingestion.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gridai.ingestion.feed.RawRecord;
import io.gridai.ingestion.source.ApprovedSource;
import io.gridai.ingestion.source.AssetPattern;
import io.gridai.model.Measurement;
import io.gridai.model.RejectionReason;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.MeasurementId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordValidatorTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final ApprovedSource SOURCE = new ApprovedSource(SourceId.of("utility-a"), "North Grid Co",
            List.of(AssetPattern.of("gen-*"), AssetPattern.of("bus-7"), AssetPattern.of("bess-1")),
            EnumSet.of(MeasurementKind.ACTIVE_POWER, MeasurementKind.VOLTAGE, MeasurementKind.FREQUENCY,
                    MeasurementKind.STATE_OF_CHARGE),
            false, false);
    private static final RecordValidator VALIDATOR = new RecordValidator(Duration.ofMinutes(5),
            List.of(PlausibleRange.of("FREQUENCY=40..70"), PlausibleRange.of("STATE_OF_CHARGE=0..100")));

    @Test
    void convertsToTheCanonicalUnitAndDerivesTheId() {
        Measurement m = valid(record("gen-1", "ACTIVE_POWER", "12500", "kW", "2026-01-01T11:00:00Z"));
        assertThat(m.value()).isCloseTo(12.5, within(1e-12));
        assertThat(m.unit()).isEqualTo(Unit.MEGAWATT);
        assertThat(m.source()).isEqualTo(SourceId.of("utility-a"));
        assertThat(m.ingestTime()).isEqualTo(NOW);
        assertThat(m.id()).isEqualTo(MeasurementId.derive(SourceId.of("utility-a"), AssetId.of("gen-1"),
                MeasurementKind.ACTIVE_POWER, Instant.parse("2026-01-01T11:00:00Z")));
    }

    @Test
    void anExplicitIdIsPrefixedWithTheSource() {
        Map<String, String> fields = fields("bus-7", "VOLTAGE", "138000", "V", "2026-01-01T13:00:00+01:00");
        fields.put(RawRecord.ID, "r-1");
        Measurement m = valid(new RawRecord(0, fields, new byte[0], "application/json", Optional.empty()));
        assertThat(m.id().value()).isEqualTo("utility-a/r-1");
        assertThat(m.value()).isCloseTo(138, within(1e-9));
        assertThat(m.eventTime()).isEqualTo(Instant.parse("2026-01-01T12:00:00Z"));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4} -> {5}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "null", value = {
        "load-1 | ACTIVE_POWER    | 1        | MW       | 2026-01-01T11:00:00Z | ASSET_NOT_ALLOWED | may not report asset load-1",
        "gen-1  | REACTIVE_POWER  | 1        | Mvar     | 2026-01-01T11:00:00Z | KIND_NOT_ALLOWED  | may not report REACTIVE_POWER",
        "gen-1  | ACTIVE_POWER    | 1        | mw       | 2026-01-01T11:00:00Z | UNKNOWN_UNIT      | unknown unit 'mw'",
        "gen-1  | ACTIVE_POWER    | 1        | kV       | 2026-01-01T11:00:00Z | UNKNOWN_UNIT      | cannot be given in kV",
        "gen-1  | ACTIVE_POWER    | NaN      | MW       | 2026-01-01T11:00:00Z | OUT_OF_RANGE      | not a finite number",
        "gen-1  | ACTIVE_POWER    | -Infinity| MW       | 2026-01-01T11:00:00Z | OUT_OF_RANGE      | not a finite number",
        "gen-1  | ACTIVE_POWER    | 1e400    | MW       | 2026-01-01T11:00:00Z | OUT_OF_RANGE      | too large",
        "gen-1  | ACTIVE_POWER    | 0x10     | MW       | 2026-01-01T11:00:00Z | SCHEMA_MISMATCH   | is not a number",
        "gen-1  | ACTIVE_POWER    | 1        | MW       | 2026-01-01T12:05:01Z | OUT_OF_RANGE      | ahead of the service clock",
        "gen-1  | ACTIVE_POWER    | 1        | MW       | yesterday            | SCHEMA_MISMATCH   | not an ISO-8601",
        "gen-1  | ACTIVE_POWER    | 1        | MW       | 2026-01-01T11:00:00  | SCHEMA_MISMATCH   | not an ISO-8601",
        "gen-1  | FREQUENCY       | 39999    | mHz      | 2026-01-01T11:00:00Z | OUT_OF_RANGE      | outside the plausible range 40.0..70.0 Hz",
        "bess-1 | STATE_OF_CHARGE | 100.5    | %        | 2026-01-01T11:00:00Z | OUT_OF_RANGE      | outside the plausible range",
        "gen-1  | POWER           | 1        | MW       | 2026-01-01T11:00:00Z | SCHEMA_MISMATCH   | unknown kind 'POWER'",
        "gen 1  | ACTIVE_POWER    | 1        | MW       | 2026-01-01T11:00:00Z | SCHEMA_MISMATCH   | asset:",
        "gen-1  | ACTIVE_POWER    | null     | MW       | 2026-01-01T11:00:00Z | SCHEMA_MISMATCH   | lacks value",
    })
    void refusesWithAReasonAndAReadableDetail(String asset, String kind, String value, String unit, String time,
            RejectionReason reason, String detailPart) {
        Verdict verdict = VALIDATOR.validate(record(asset, kind, value, unit, time), SOURCE, NOW);
        assertThat(verdict).isInstanceOfSatisfying(Verdict.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(reason);
            assertThat(refused.detail()).contains(detailPart);
        });
    }

    @Test
    void theFutureSkewBoundaryAndTheRangeBoundsAreInclusive() {
        valid(record("gen-1", "ACTIVE_POWER", "1", "MW", "2026-01-01T12:05:00Z"));
        valid(record("gen-1", "FREQUENCY", "40", "Hz", "2026-01-01T11:00:00Z"));
        valid(record("gen-1", "FREQUENCY", "70000", "mHz", "2026-01-01T11:00:00Z"));
        valid(record("bess-1", "STATE_OF_CHARGE", "0", "%", "2026-01-01T11:00:00Z"));
    }

    @Test
    void aKindWithoutRangeTakesAnyFiniteValue() {
        assertThat(valid(record("gen-1", "ACTIVE_POWER", "-1e6", "MW", "2026-01-01T11:00:00Z")).value())
                .isEqualTo(-1e6);
    }

    @Test
    void aRecordWithAShapeProblemIsASchemaMismatch() {
        RawRecord notAnObject = new RawRecord(3, Map.of(), "42".getBytes(StandardCharsets.UTF_8), "application/json",
                Optional.of("record 3 is a JSON number"));
        assertThat(VALIDATOR.validate(notAnObject, SOURCE, NOW)).isEqualTo(
                new Verdict.Refused(RejectionReason.SCHEMA_MISMATCH, "record 3 is a JSON number"));
    }

    @Test
    void anIdThatBreaksTheIdRuleIsRefused() {
        Map<String, String> fields = fields("gen-1", "ACTIVE_POWER", "1", "MW", "2026-01-01T11:00:00Z");
        fields.put(RawRecord.ID, "has space");
        Verdict verdict = VALIDATOR.validate(new RawRecord(0, fields, new byte[0], "text/csv", Optional.empty()),
                SOURCE, NOW);
        assertThat(verdict).isInstanceOfSatisfying(Verdict.Refused.class,
                refused -> assertThat(refused.detail()).contains("id 'has space' cannot be used"));
    }

    @Test
    void aRangeListedTwiceIsAConfigurationError() {
        assertThatThrownBy(() -> new RecordValidator(Duration.ZERO,
                List.of(PlausibleRange.of("FREQUENCY=40..70"), PlausibleRange.of("FREQUENCY=45..65"))))
                .hasMessageContaining("lists FREQUENCY twice");
    }

    private static Measurement valid(RawRecord record) {
        Verdict verdict = VALIDATOR.validate(record, SOURCE, NOW);
        assertThat(verdict).isInstanceOf(Verdict.Valid.class);
        return ((Verdict.Valid) verdict).measurement();
    }

    private static RawRecord record(String asset, String kind, String value, String unit, String time) {
        return new RawRecord(0, fields(asset, kind, value, unit, time), new byte[0], "application/json",
                Optional.empty());
    }

    private static Map<String, String> fields(String asset, String kind, String value, String unit, String time) {
        Map<String, String> fields = new HashMap<>();
        put(fields, RawRecord.ASSET, asset);
        put(fields, RawRecord.KIND, kind);
        put(fields, RawRecord.VALUE, value);
        put(fields, RawRecord.UNIT, unit);
        put(fields, RawRecord.TIME, time);
        return fields;
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
