package io.gridai.protocols.live.iec104;

import io.gridai.protocols.live.iec104.sim.SimulatedOutstation;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.model.QualityFlag;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import io.gridai.protocols.live.Backoff;
import io.gridai.protocols.live.FieldEvent;
import io.gridai.protocols.live.FieldReading;
import io.gridai.protocols.live.RecordingSink;
import io.gridai.protocols.points.Iec104Point;
import io.gridai.protocols.points.Iec104PointMap;
import io.gridai.protocols.points.PointTarget;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.openmuc.j60870.ie.IeScaledValue;
import org.openmuc.j60870.ie.IeShortFloat;
import org.openmuc.j60870.ie.IeTime56;
import org.openmuc.j60870.ie.InformationObject;

/** The client against a real j60870 outstation over loopback TCP. */
class Iec104ClientTest {

    private static final SourceId RTU = SourceId.of("rtu-7");
    private static final IeQuality GOOD = new IeQuality(false, false, false, false, false);

    /**
     * Awaitility, without failing on uncaught exceptions of other threads: j60870's server starts a connection's
     * reader thread before its constructor assigned the thread pool, and when a client's STARTDT arrives at once the
     * reader may die with a NullPointerException (the outstation's side; the client reconnects). That is the test
     * outstation's library, not the client under test.
     */
    private static ConditionFactory await() {
        return Awaitility.await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10));
    }

    private static Iec104Station station(int port, Duration interrogationPeriod) {
        return new Iec104Station(RTU, "127.0.0.1", port, Duration.ofSeconds(2), interrogationPeriod,
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)), ZoneOffset.UTC,
                Optional.of(QualityFlag.SUSPECT), Iec104PointMap.of(List.of(
                        new Iec104Point("gen1-p", 1, 1001, new PointTarget(AssetId.of("gen-1"),
                                MeasurementKind.ACTIVE_POWER, Unit.KILOWATT, 1)),
                        new Iec104Point("bus7-v", 1, 1002, new PointTarget(AssetId.of("bus-7"),
                                MeasurementKind.VOLTAGE, Unit.VOLT, 10)))));
    }

    private static ASdu interrogated(int scaled) {
        return new ASdu(ASduType.M_ME_NB_1, false, CauseOfTransmission.INTERROGATED_BY_STATION, false, false, 0, 1,
                new InformationObject(1002, new IeScaledValue(scaled), GOOD));
    }

    @Test
    void interrogatesOnConnectTakesSpontaneousValuesAndReconnectsAfterTheOutstationRestarts() {
        RecordingSink sink = new RecordingSink();
        try (SimulatedOutstation outstation = SimulatedOutstation.start(List.of(interrogated(13_800)));
                Iec104Client client = new Iec104Client(station(outstation.port(), Duration.ZERO), sink).start()) {
            await().until(() -> sink.readings.size() == 1);
            assertThat(client.connected()).isTrue();
            FieldReading interrogatedValue = sink.readings.get(0);
            assertThat(interrogatedValue.value()).isEqualTo(138_000);
            assertThat(interrogatedValue.quality()).containsExactly(QualityFlag.SUSPECT); // no time tag

            Instant tagged = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            outstation.send(new ASdu(ASduType.M_ME_TF_1, false, CauseOfTransmission.SPONTANEOUS, false, false, 0, 1,
                    new InformationObject(1001, new IeShortFloat(12_500f), GOOD,
                            new IeTime56(tagged.toEpochMilli(), TimeZone.getTimeZone("UTC"), false))));
            await().until(() -> sink.readings.size() == 2);
            assertThat(sink.readings.get(1).eventTime()).isEqualTo(tagged);
            assertThat(sink.readings.get(1).quality()).isEmpty();

            outstation.stop();
            await().until(() -> sink.count(FieldEvent.DISCONNECTED) == 1);
            assertThat(client.connected()).isFalse();
            outstation.start();
            await().until(() -> sink.readings.size() == 3);
            assertThat(sink.count(FieldEvent.CONNECTED)).isEqualTo(2);
            assertThat(sink.readings.get(2).quality()).containsExactlyInAnyOrder(QualityFlag.GAP,
                    QualityFlag.SUSPECT);
        }
    }

    @Test
    void anUnreachableStationIsRetriedWithBackOffAndPeriodicInterrogationsFollow() {
        RecordingSink sink = new RecordingSink();
        SimulatedOutstation outstation = SimulatedOutstation.start(List.of(interrogated(100)));
        outstation.stop();
        try (outstation;
                Iec104Client client = new Iec104Client(station(outstation.port(), Duration.ofMillis(300)), sink)
                        .start()) {
            await().until(() -> sink.count(FieldEvent.CONNECT_FAILED) >= 2);
            outstation.start();
            await().until(() -> outstation.interrogations() >= 3);
            assertThat(client.connected()).isTrue();
            assertThat(sink.readings).hasSizeGreaterThanOrEqualTo(3);
        }
    }
}
