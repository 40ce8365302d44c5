package io.gridai.protocols.live.iec104;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.model.QualityFlag;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import io.gridai.protocols.live.FieldEvent;
import io.gridai.protocols.live.FieldReading;
import io.gridai.protocols.points.Iec104Point;
import io.gridai.protocols.points.Iec104PointMap;
import io.gridai.protocols.points.PointTarget;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.openmuc.j60870.ASdu;
import org.openmuc.j60870.ASduType;
import org.openmuc.j60870.CauseOfTransmission;
import org.openmuc.j60870.ie.IeDoublePointWithQuality;
import org.openmuc.j60870.ie.IeNormalizedValue;
import org.openmuc.j60870.ie.IeQualifierOfInterrogation;
import org.openmuc.j60870.ie.IeQuality;
import org.openmuc.j60870.ie.IeScaledValue;
import org.openmuc.j60870.ie.IeShortFloat;
import org.openmuc.j60870.ie.IeSinglePointWithQuality;
import org.openmuc.j60870.ie.IeTime56;
import org.openmuc.j60870.ie.InformationElement;
import org.openmuc.j60870.ie.InformationObject;

class Iec104DecoderTest {

    private static final SourceId RTU = SourceId.of("rtu-7");
    private static final Instant RECEIVED = Instant.parse("2026-07-01T12:00:05Z");
    private static final Instant TAGGED = Instant.parse("2026-07-01T12:00:00.250Z");
    private static final IeQuality GOOD = new IeQuality(false, false, false, false, false);

    private static final Iec104PointMap POINTS = Iec104PointMap.of(List.of(
            point("gen1-p", 1001, "gen-1", MeasurementKind.ACTIVE_POWER, Unit.KILOWATT, 1),
            point("bus7-v", 1002, "bus-7", MeasurementKind.VOLTAGE, Unit.VOLT, 10),
            point("bus7-f", 1003, "bus-7", MeasurementKind.FREQUENCY, Unit.HERTZ, 1),
            point("gen1-online", 2001, "gen-1", MeasurementKind.AVAILABLE_POWER, Unit.MEGAWATT, 20),
            point("cb-3", 2002, "gen-3", MeasurementKind.AVAILABLE_POWER, Unit.MEGAWATT, 50),
            point("pv-pu", 1004, "pv-2", MeasurementKind.VOLTAGE_PU, Unit.PER_UNIT, 2)));

    private final Iec104Decoder decoder = new Iec104Decoder(RTU, POINTS, ZoneOffset.UTC,
            Optional.of(QualityFlag.SUSPECT));

    private static Iec104Point point(String name, int ioa, String asset, MeasurementKind kind, Unit unit,
            double scale) {
        return new Iec104Point(name, 1, ioa, new PointTarget(AssetId.of(asset), kind, unit, scale));
    }

    private static ASdu asdu(ASduType type, CauseOfTransmission cause, InformationObject... objects) {
        return new ASdu(type, false, cause, false, false, 0, 1, objects);
    }

    private static IeTime56 tag(Instant instant) {
        return new IeTime56(instant.toEpochMilli(), TimeZone.getTimeZone("UTC"), false);
    }

    @Test
    void aShortFloatWithItsTimeTagIsTakenAtThatTime() {
        Iec104Decoder.Decoded decoded = decoder.decode(asdu(ASduType.M_ME_TF_1, CauseOfTransmission.SPONTANEOUS,
                new InformationObject(1001, new IeShortFloat(12_500f), GOOD, tag(TAGGED))), RECEIVED);

        assertThat(decoded.problems()).isEmpty();
        FieldReading reading = decoded.readings().get(0);
        assertThat(reading.source()).isEqualTo(RTU);
        assertThat(reading.asset()).isEqualTo(AssetId.of("gen-1"));
        assertThat(reading.value()).isEqualTo(12_500);
        assertThat(reading.unit()).isEqualTo(Unit.KILOWATT);
        assertThat(reading.eventTime()).isEqualTo(TAGGED);
        assertThat(reading.quality()).isEmpty();
        assertThat(reading.origin()).isEqualTo("iec104 ca=1 ioa=1001 M_ME_TF_1 SPONTANEOUS");
        assertThat(reading.toMeasurement(RECEIVED).value()).isEqualTo(12.5); // kW → MW
    }

    @Test
    void aValueWithoutTimeTagTakesTheReceiveTimeAndTheStationsFlag() {
        Iec104Decoder.Decoded decoded = decoder.decode(asdu(ASduType.M_ME_NB_1,
                CauseOfTransmission.INTERROGATED_BY_STATION, new InformationObject(1002, new IeScaledValue(13_800),
                        GOOD)), RECEIVED);

        FieldReading reading = decoded.readings().get(0);
        assertThat(reading.value()).isEqualTo(138_000); // scaled value 13800 × 10 V
        assertThat(reading.eventTime()).isEqualTo(RECEIVED);
        assertThat(reading.quality()).containsExactly(QualityFlag.SUSPECT);

        Iec104Decoder unflagged = new Iec104Decoder(RTU, POINTS, ZoneOffset.UTC, Optional.empty());
        assertThat(unflagged.decode(asdu(ASduType.M_ME_NC_1, CauseOfTransmission.PERIODIC,
                new InformationObject(1003, new IeShortFloat(50.01f), GOOD)), RECEIVED).readings().get(0).quality())
                .isEmpty();
    }

    @Test
    void anInvalidTimeTagCountsAsNone() {
        IeTime56 invalid = new IeTime56(TAGGED.toEpochMilli(), TimeZone.getTimeZone("UTC"), true);
        FieldReading reading = decoder.decode(asdu(ASduType.M_ME_TF_1, CauseOfTransmission.SPONTANEOUS,
                new InformationObject(1003, new IeShortFloat(50f), GOOD, invalid)), RECEIVED).readings().get(0);
        assertThat(reading.eventTime()).isEqualTo(RECEIVED);
        assertThat(reading.quality()).containsExactly(QualityFlag.SUSPECT);
    }

    @Test
    void timeTagsAreReadInTheStationsZone() {
        Iec104Decoder berlin = new Iec104Decoder(RTU, POINTS, ZoneId.of("Europe/Berlin"), Optional.empty());
        // The outstation writes 14:00:00.250 local (summer time, UTC+2).
        IeTime56 local = new IeTime56(TAGGED.toEpochMilli(), TimeZone.getTimeZone("Europe/Berlin"), false);
        assertThat(local.getHour()).isEqualTo(14);
        FieldReading reading = berlin.decode(asdu(ASduType.M_ME_TF_1, CauseOfTransmission.SPONTANEOUS,
                new InformationObject(1003, new IeShortFloat(50f), GOOD, local)), RECEIVED).readings().get(0);
        assertThat(reading.eventTime()).isEqualTo(TAGGED);
    }

    @Test
    void qualityDescriptorsBecomeGridAiFlags() {
        IeQuality all = new IeQuality(true, true, true, true, true); // OV, BL, SB, NT, IV
        FieldReading reading = decoder.decode(asdu(ASduType.M_ME_TF_1, CauseOfTransmission.SPONTANEOUS,
                new InformationObject(1003, new IeShortFloat(50f), all, tag(TAGGED))), RECEIVED).readings().get(0);
        assertThat(reading.quality()).containsExactlyInAnyOrder(QualityFlag.OUT_OF_RANGE, QualityFlag.STUCK,
                QualityFlag.SUBSTITUTED, QualityFlag.STALE, QualityFlag.SUSPECT);

        FieldReading invalidPoint = decoder.decode(asdu(ASduType.M_SP_TB_1, CauseOfTransmission.SPONTANEOUS,
                new InformationObject(2001, new IeSinglePointWithQuality(true, false, false, false, true),
                        tag(TAGGED))), RECEIVED).readings().get(0);
        assertThat(invalidPoint.value()).isEqualTo(20); // on × 20 MW
        assertThat(invalidPoint.quality()).containsExactly(QualityFlag.SUSPECT);
        assertThat(invalidPoint.eventTime()).isEqualTo(TAGGED);
    }

    @Test
    void doublePointsAndNormalisedValues() {
        Iec104Decoder.Decoded on = decoder.decode(asdu(ASduType.M_DP_TB_1, CauseOfTransmission.SPONTANEOUS,
                new InformationObject(2002, new IeDoublePointWithQuality(
                        IeDoublePointWithQuality.DoublePointInformation.ON, false, false, false, false),
                        tag(TAGGED))), RECEIVED);
        assertThat(on.readings()).extracting(FieldReading::value).containsExactly(50.0);

        Iec104Decoder.Decoded between = decoder.decode(asdu(ASduType.M_DP_NA_1, CauseOfTransmission.SPONTANEOUS,
                new InformationObject(2002, new IeDoublePointWithQuality(
                        IeDoublePointWithQuality.DoublePointInformation.INDETERMINATE_OR_INTERMEDIATE, false, false,
                        false, false))), RECEIVED);
        assertThat(between.readings()).isEmpty();
        assertThat(between.problems()).extracting(Iec104Decoder.Problem::event)
                .containsExactly(FieldEvent.INDETERMINATE);

        // Normalised 0.5 (16384 / 32768) × scale 2 = 1.0 p.u.
        FieldReading normalised = decoder.decode(asdu(ASduType.M_ME_NA_1, CauseOfTransmission.PERIODIC,
                new InformationObject(1004, new IeNormalizedValue(16_384), GOOD)), RECEIVED).readings().get(0);
        assertThat(normalised.value()).isEqualTo(1.0);
    }

    @Test
    void aSequenceOfElementsCountsIoasUpFromTheFirst() {
        ASdu sequence = new ASdu(ASduType.M_ME_NC_1, true, CauseOfTransmission.INTERROGATED_BY_STATION, false, false,
                0, 1, new InformationObject(1001, new InformationElement[][] {
                        {new IeShortFloat(1000f), GOOD}, {new IeShortFloat(230_000f), GOOD},
                        {new IeShortFloat(49.9f), GOOD}}));
        List<FieldReading> readings = decoder.decode(sequence, RECEIVED).readings();
        assertThat(readings).extracting(r -> r.asset().value(), FieldReading::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("gen-1", MeasurementKind.ACTIVE_POWER),
                org.assertj.core.groups.Tuple.tuple("bus-7", MeasurementKind.VOLTAGE),
                org.assertj.core.groups.Tuple.tuple("bus-7", MeasurementKind.FREQUENCY));
        assertThat(readings.get(1).value()).isEqualTo(2_300_000); // 230000 × 10 V
    }

    @Test
    void unmappedPointsAndOtherTypesAreReportedNotTaken() {
        Iec104Decoder.Decoded unmapped = decoder.decode(asdu(ASduType.M_ME_NC_1, CauseOfTransmission.SPONTANEOUS,
                new InformationObject(9999, new IeShortFloat(1f), GOOD)), RECEIVED);
        assertThat(unmapped.readings()).isEmpty();
        assertThat(unmapped.problems()).singleElement().satisfies(p -> {
            assertThat(p.event()).isEqualTo(FieldEvent.UNMAPPED_POINT);
            assertThat(p.detail()).contains("ioa=9999").contains("point map");
        });

        Iec104Decoder.Decoded confirmation = decoder.decode(asdu(ASduType.C_IC_NA_1,
                CauseOfTransmission.ACTIVATION_CON, new InformationObject(0, new IeQualifierOfInterrogation(20))),
                RECEIVED);
        assertThat(confirmation.readings()).isEmpty();
        assertThat(confirmation.problems()).isEmpty();
    }

    @Test
    void theFirstValueOfEachPointAfterALostConnectionHasAGap() {
        decoder.connectionLost();
        ASdu value = asdu(ASduType.M_ME_TF_1, CauseOfTransmission.SPONTANEOUS,
                new InformationObject(1003, new IeShortFloat(50f), GOOD, tag(TAGGED)));
        assertThat(decoder.decode(value, RECEIVED).readings().get(0).quality()).containsExactly(QualityFlag.GAP);
        assertThat(decoder.decode(value, RECEIVED).readings().get(0).quality()).isEmpty();
    }
}
