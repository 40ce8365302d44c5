package io.gridai.protocols.c37118;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;

class PmuMeasurementsTest {

    static final SourceId SOURCE = SourceId.of("pmu-feed");
    static final Instant INGEST = Instant.parse("2023-11-14T22:13:21Z");

    private static DataFrame frame(int stat) {
        ConfigFrame config = C37118Decoder.decodeConfig(C37118DecoderTest.integerConfig());
        return C37118Decoder.decodeData(C37118Frames.data(C37118DecoderTest.ID, C37118DecoderTest.SOC, 500_000,
                C37118DecoderTest.integerBlock(stat)), config);
    }

    private static Measurement find(List<Measurement> ms, String asset, MeasurementKind kind) {
        return ms.stream().filter(m -> m.asset().value().equals(asset) && m.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void phasorsFrequencyAndRocofInGridModelUnits() {
        List<Measurement> ms = PmuMeasurements.of(frame(0), SOURCE, INGEST);
        assertThat(ms).hasSize(5).allSatisfy(m -> {
            assertThat(m.eventTime()).isEqualTo(Instant.parse("2023-11-14T22:13:20.5Z"));
            assertThat(m.isGood()).isTrue();
        });
        // 10000 V phase-to-neutral = 17.3205 kV line-to-line; 0.5236 rad = 30.0001°
        assertThat(find(ms, "pmu-7/V1", MeasurementKind.VOLTAGE).value()).isCloseTo(10.0 * Math.sqrt(3), within(1e-9));
        assertThat(find(ms, "pmu-7/V1", MeasurementKind.VOLTAGE_ANGLE).value()).isCloseTo(Math.toDegrees(0.5236), within(1e-9));
        assertThat(find(ms, "pmu-7/I1", MeasurementKind.CURRENT).value()).isCloseTo(250.0, within(1e-9));
        assertThat(find(ms, "pmu-7", MeasurementKind.FREQUENCY).value()).isCloseTo(49.975, within(1e-12));
        assertThat(find(ms, "pmu-7", MeasurementKind.ROCOF).value()).isCloseTo(0.12, within(1e-12));
        // distinct ids for distinct readings
        assertThat(ms.stream().map(Measurement::id).distinct()).hasSize(5);
    }

    @Test
    void lineToLineVoltagesAreNotScaledAndAssetsCanBeNamed() {
        List<Measurement> ms = PmuMeasurements.of(frame(0), SOURCE,
                (pmu, channel) -> AssetId.of(channel == null ? "bus-12" : "bus-12-" + channel.toLowerCase()),
                PmuMeasurements.VoltageBasis.LINE_TO_LINE, INGEST);
        assertThat(find(ms, "bus-12-v1", MeasurementKind.VOLTAGE).value()).isCloseTo(10.0, within(1e-9));
        assertThat(find(ms, "bus-12", MeasurementKind.FREQUENCY).value()).isCloseTo(49.975, within(1e-12));
    }

    @Test
    void statBitsBecomeQualityFlags() {
        assertThat(flags(0)).isEmpty();
        assertThat(flags(0x0800 | 0x0400 | 0x0007)).as("trigger, config change, trigger reason").isEmpty();
        assertThat(flags(1 << 14)).as("PMU error").containsExactly(QualityFlag.SUSPECT);
        assertThat(flags(2 << 14)).as("test mode").containsExactly(QualityFlag.SUSPECT);
        assertThat(flags(0x2000)).as("sync lost").containsExactly(QualityFlag.SUSPECT);
        assertThat(flags(0x1000)).as("sorted by arrival").containsExactly(QualityFlag.SUSPECT);
        assertThat(flags(3 << 6)).as("time error < 10 µs").isEmpty();
        assertThat(flags(4 << 6)).as("time error < 100 µs").containsExactly(QualityFlag.SUSPECT);
        assertThat(flags(1 << 4)).as("unlocked 10 s").containsExactly(QualityFlag.SUSPECT);
        assertThat(flags(0x0200)).as("data modified").containsExactly(QualityFlag.SUBSTITUTED);
        assertThat(PmuMeasurements.of(frame(0x2000 | 0x0200), SOURCE, INGEST))
                .allSatisfy(m -> assertThat(m.quality()).containsExactlyInAnyOrder(QualityFlag.SUSPECT, QualityFlag.SUBSTITUTED));
    }

    @Test
    void messageTimeQualityCountsToo() {
        Header locked = new Header(FrameType.DATA, 1, 0, 7, 0, 0x00, 0);
        Header tenMicro = new Header(FrameType.DATA, 1, 0, 7, 0, 0x05, 0);
        Header hundredMicro = new Header(FrameType.DATA, 1, 0, 7, 0, 0x06, 0);
        Header fault = new Header(FrameType.DATA, 1, 0, 7, 0, 0x0f, 0);
        assertThat(PmuMeasurements.quality(locked, new Stat(0))).isEmpty();
        assertThat(PmuMeasurements.quality(tenMicro, new Stat(0))).isEmpty();
        assertThat(PmuMeasurements.quality(hundredMicro, new Stat(0))).containsExactly(QualityFlag.SUSPECT);
        assertThat(PmuMeasurements.quality(fault, new Stat(0))).containsExactly(QualityFlag.SUSPECT);
    }

    @Test
    void dataThatDoesNotFitItsConfigurationIsRefused() {
        ConfigFrame config = C37118Decoder.decodeConfig(C37118DecoderTest.integerConfig());
        byte[] shortData = C37118Frames.data(C37118DecoderTest.ID, C37118DecoderTest.SOC, 0, new byte[6]);
        assertThatThrownBy(() -> C37118Decoder.decodeData(shortData, config))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("describes 18");
    }

    private static Set<QualityFlag> flags(int stat) {
        return PmuMeasurements.quality(frame(stat).header(), new Stat(stat));
    }
}
