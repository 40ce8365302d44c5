package io.gridai.ingestion.field;

import io.gridai.protocols.live.iec104.sim.SimulatedOutstation;
import static io.gridai.ingestion.field.FieldDevicesResource.INVERTER;
import static io.gridai.ingestion.field.FieldDevicesResource.NORTH;
import static io.gridai.ingestion.field.FieldDevicesResource.REVOKED;
import static io.gridai.ingestion.field.FieldDevicesResource.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridai.ingestion.TopicTail;
import io.gridai.ingestion.metrics.IngestionMetrics;
import io.gridai.kafka.quarkus.KafkaBrokerTestResource;
import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.RejectedRecord;
import io.gridai.model.RejectionReason;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.openmuc.j60870.ASdu;
import org.openmuc.j60870.ASduType;
import org.openmuc.j60870.CauseOfTransmission;
import org.openmuc.j60870.ie.IeQuality;
import org.openmuc.j60870.ie.IeShortFloat;
import org.openmuc.j60870.ie.IeSinglePointWithQuality;
import org.openmuc.j60870.ie.IeTime56;
import org.openmuc.j60870.ie.InformationObject;

/**
 * The field protocols feed end to end: ingestion connects to a real IEC 104 outstation and polls a real Modbus TCP
 * slave over loopback ({@link FieldDevicesResource}), and what it accepts is on {@code telemetry.raw} of the real
 * embedded broker in canonical units, with the devices' time tags and quality; what it refuses is on the dead-letter
 * topic with a reason. The devices send on their own schedule, so the tests wait (Awaitility) for what they expect.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(FieldDevicesResource.class)
class FieldFeedTest {

    private static final SourceId RTU_NORTH = SourceId.of(NORTH);
    private static final SourceId INV_EAST = SourceId.of(INVERTER);
    private static final IeQuality GOOD = new IeQuality(false, false, false, false, false);

    @Inject
    MeterRegistry meters;

    /**
     * Awaitility, without failing on uncaught exceptions of other threads: j60870's server (the test outstation)
     * starts a connection's reader before its thread pool is assigned, and a reader that gets a client's STARTDT at
     * once may die with a NullPointerException; the client then reconnects. Not the code under test.
     */
    private static ConditionFactory await() {
        return Awaitility.await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200));
    }

    private static IeTime56 tag(Instant time) {
        return new IeTime56(time.toEpochMilli(), TimeZone.getTimeZone("UTC"), false);
    }

    private static ASdu spontaneous(ASduType type, InformationObject object) {
        return new ASdu(type, false, CauseOfTransmission.SPONTANEOUS, false, false, 0, 1, object);
    }

    private static List<Measurement> from(SourceId source, List<Measurement> measurements) {
        return measurements.stream().filter(m -> m.source().equals(source)).toList();
    }

    private static Optional<Measurement> find(List<Measurement> measurements, String asset, MeasurementKind kind) {
        return measurements.stream().filter(m -> m.asset().equals(AssetId.of(asset)) && m.kind() == kind)
                .findFirst();
    }

    @Test
    void interrogatedAndSpontaneousValuesLandInCanonicalUnitsWithTheirTimeTagsAndQuality() {
        // The interrogation on connect: bus-7's scaled voltage without time tag → kV, receive time, SUSPECT.
        Measurement interrogated = await().until(() -> find(from(RTU_NORTH, TopicTail.everything(
                Topics.TELEMETRY_RAW, KafkaBrokerTestResource.bootstrapServers())), "bus-7", MeasurementKind.VOLTAGE),
                Optional::isPresent).get();
        assertThat(interrogated.value()).isEqualTo(138.0);
        assertThat(interrogated.quality()).contains(QualityFlag.SUSPECT);
        assertThat(Duration.between(interrogated.eventTime(), interrogated.ingestTime()).abs())
                .isLessThan(Duration.ofSeconds(5));

        Instant measured = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        Instant switched = measured.plusMillis(250);
        await().until(() -> FieldDevicesResource.north().clients() == 1);
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW); var dead = TopicTail.of(Topics.TELEMETRY_DEAD_LETTER)) {
            SimulatedOutstation north = FieldDevicesResource.north();
            north.send(spontaneous(ASduType.M_ME_TF_1, new InformationObject(1001, new IeShortFloat(12_500f), GOOD,
                    tag(measured))));
            north.send(spontaneous(ASduType.M_SP_TB_1, new InformationObject(2001,
                    new IeSinglePointWithQuality(true, false, false, false, true), tag(switched))));
            north.send(spontaneous(ASduType.M_ME_TF_1, new InformationObject(1005, new IeShortFloat(3f), GOOD,
                    tag(measured))));

            List<Measurement> landed = await().until(() -> from(RTU_NORTH, raw.newValues()), m -> m.size() >= 2);
            assertThat(landed).hasSize(2);
            Measurement power = find(landed, "gen-1", MeasurementKind.ACTIVE_POWER).orElseThrow();
            assertThat(power.value()).isEqualTo(12.5); // 12 500 kW
            assertThat(power.eventTime()).isEqualTo(measured);
            // GAP as well when the reconnect test ran before: the first value of each point after a reconnect.
            assertThat(power.quality()).isSubsetOf(QualityFlag.GAP);
            Measurement online = find(landed, "gen-1", MeasurementKind.AVAILABLE_POWER).orElseThrow();
            assertThat(online.value()).isEqualTo(20.0); // on × 20 MW
            assertThat(online.eventTime()).isEqualTo(switched);
            assertThat(online.quality()).contains(QualityFlag.SUSPECT) // IV
                    .isSubsetOf(QualityFlag.SUSPECT, QualityFlag.GAP);

            RejectedRecord letter = await().until(() -> dead.newValues().stream()
                    .filter(l -> l.source().equals(Optional.of(RTU_NORTH))).toList(), l -> !l.isEmpty()).get(0);
            assertThat(letter.reason()).isEqualTo(RejectionReason.ASSET_NOT_ALLOWED);
            assertThat(letter.channel()).isEqualTo("iec104");
            assertThat(letter.detail()).contains("load-9").contains("gridai.ingestion.sources.rtu-north.allowed-assets");
            assertThat(new String(letter.payload(), StandardCharsets.UTF_8)).contains("\"asset\":\"load-9\"")
                    .contains("iec104 ca=1 ioa=1005 M_ME_TF_1 SPONTANEOUS");
        }
        assertThat(records(NORTH, "accepted", "none")).isGreaterThanOrEqualTo(3);
        assertThat(records(NORTH, "refused", "ASSET_NOT_ALLOWED")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anUnknownStationAndARevokedOneAreRefusedAsAWholeWithAReadableReason() {
        List<RejectedRecord> letters = await().until(() -> TopicTail.everything(Topics.TELEMETRY_DEAD_LETTER,
                KafkaBrokerTestResource.bootstrapServers()), all -> all.stream().anyMatch(
                        l -> l.reason() == RejectionReason.UNKNOWN_SOURCE && l.detail().contains(STRANGER))
                        && all.stream().anyMatch(l -> l.reason() == RejectionReason.REVOKED_SOURCE));
        RejectedRecord unknown = letters.stream().filter(l -> l.reason() == RejectionReason.UNKNOWN_SOURCE
                && l.detail().contains(STRANGER)).findFirst().orElseThrow();
        assertThat(unknown.channel()).isEqualTo("iec104");
        assertThat(unknown.source()).isEmpty();
        assertThat(unknown.detail()).contains("iec104 station rtu-stranger at 127.0.0.1:")
                .contains("is not a registered source").contains("gridai.ingestion.sources.rtu-stranger");
        assertThat(new String(unknown.payload(), StandardCharsets.UTF_8)).startsWith("[")
                .contains("\"asset\":\"bus-7\"");
        RejectedRecord revoked = letters.stream().filter(l -> l.reason() == RejectionReason.REVOKED_SOURCE
                && l.channel().equals("iec104")).findFirst().orElseThrow();
        assertThat(revoked.source()).contains(SourceId.of(REVOKED));
        assertThat(records(IngestionMetrics.UNKNOWN_SOURCE, "refused", "UNKNOWN_SOURCE")).isGreaterThanOrEqualTo(1);
        assertThat(records(REVOKED, "refused", "REVOKED_SOURCE")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void modbusRegistersLandInCanonicalUnitsAndAnIllegalAddressIsCountedNotFatal() {
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW)) {
            List<Measurement> polled = await().until(() -> from(INV_EAST, raw.newValues()), m -> m.size() >= 3);
            assertThat(find(polled, "inv-3", MeasurementKind.FREQUENCY).orElseThrow().value())
                    .isEqualTo((double) 49.98f); // float32, high word first
            assertThat(find(polled, "inv-3", MeasurementKind.ACTIVE_POWER).orElseThrow().value())
                    .isEqualTo(-0.0125); // float32 word-swapped, −12.5 kW
            assertThat(find(polled, "inv-3", MeasurementKind.VOLTAGE).orElseThrow().value())
                    .isCloseTo(0.2301, within(1e-12)); // 2301 × 0.1 V
            assertThat(polled).noneMatch(m -> m.kind() == MeasurementKind.TEMPERATURE);
            assertThat(polled).allSatisfy(m -> assertThat(Duration.between(m.eventTime(), m.ingestTime()).abs())
                    .isLessThan(Duration.ofSeconds(5)));
        }
        await().until(() -> fieldEvents(INVERTER, "modbus", "exception-response") >= 2);
        assertThat(connected(INVERTER, "modbus")).isEqualTo(1);
        assertThat(records(INVERTER, "accepted", "none")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theClientReconnectsAfterTheOutstationRestartsAndFlagsTheGap() {
        SimulatedOutstation north = FieldDevicesResource.north();
        await().until(() -> connected(NORTH, "iec104") == 1);
        double disconnects = fieldEvents(NORTH, "iec104", "disconnected");
        try (var raw = TopicTail.of(Topics.TELEMETRY_RAW)) {
            north.stop();
            await().until(() -> fieldEvents(NORTH, "iec104", "disconnected") > disconnects);
            north.start();
            // Reconnected, it interrogates again: bus-7's voltage comes back, flagged GAP (changes may be missing).
            Measurement again = await().until(() -> find(from(RTU_NORTH, raw.newValues()), "bus-7",
                    MeasurementKind.VOLTAGE), Optional::isPresent).get();
            assertThat(again.value()).isEqualTo(138.0);
            assertThat(again.quality()).contains(QualityFlag.GAP, QualityFlag.SUSPECT);
        }
        assertThat(connected(NORTH, "iec104")).isEqualTo(1);
    }

    private double records(String source, String outcome, String reason) {
        Counter counter = meters.find(IngestionMetrics.RECORDS).tag("source", source).tag("outcome", outcome)
                .tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private double fieldEvents(String source, String protocol, String event) {
        Counter counter = meters.find(IngestionMetrics.FIELD_EVENTS).tag("source", source).tag("protocol", protocol)
                .tag("event", event).counter();
        return counter == null ? 0 : counter.count();
    }

    private double connected(String source, String protocol) {
        Gauge gauge = meters.find(IngestionMetrics.FIELD_CONNECTED).tag("source", source).tag("protocol", protocol)
                .gauge();
        return gauge == null ? -1 : gauge.value();
    }
}
