package io.gridai.protocols.c37118;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridai.protocols.decode.FieldProtocol;
import io.gridai.protocols.decode.StreamDecoder;

/** Hand-made C37.118 frames: values worked out by hand, and malformed frames that must become error objects. */
class C37118DecoderTest {

    static final int ID = 7;
    static final long SOC = 1_700_000_000L;
    /** Integer polar phasors, integer analogs and FREQ/DFREQ. */
    static final int INTEGER_POLAR = 0x0001;

    /** PMU "SUB A": V1 voltage at 1.0 V per bit, I1 current at 0.1 A per bit, one analog, one digital word, 50 Hz. */
    static C37118Frames.Pmu integerPmu() {
        return new C37118Frames.Pmu("SUB A", ID, INTEGER_POLAR, new String[] {"V1", "I1"},
                new int[] {100_000, 0x01000000 | 10_000}, new String[] {"P"}, new int[] {0x01000002}, 1, true, 3);
    }

    /** STAT, V1 (10000, 0.5236 rad), I1 (2500, -0.1 rad), FREQ -25 mHz, DFREQ 12 (0.12 Hz/s), analog 300, digital 5. */
    static byte[] integerBlock(int stat) {
        return ByteBuffer.allocate(18).putShort((short) stat).putShort((short) 10000).putShort((short) 5236)
                .putShort((short) 2500).putShort((short) -1000).putShort((short) -25).putShort((short) 12)
                .putShort((short) 300).putShort((short) 5).array();
    }

    static byte[] integerConfig() {
        return C37118Frames.cfg2(ID, SOC, 1_000_000, 30, integerPmu());
    }

    private static List<Map<String, Object>> decode(byte[]... frames) {
        List<Map<String, Object>> out = new ArrayList<>();
        new StreamDecoder(FieldProtocol.C37118).decode(C37118Frames.concat(frames), out::add);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pmu(Map<String, Object> frame) {
        return ((List<Map<String, Object>>) frame.get("pmus")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> phasor(Map<String, Object> frame, int i) {
        return ((List<Map<String, Object>>) pmu(frame).get("phasors")).get(i);
    }

    @Test
    void integerPolarDataIsScaledByItsConfiguration() {
        List<Map<String, Object>> out = decode(integerConfig(), C37118Frames.data(ID, SOC, 250_000, integerBlock(0)));
        assertThat(out).hasSize(2).noneMatch(m -> m.containsKey("error"));
        Map<String, Object> data = out.get(1);
        assertThat(data).containsEntry("frame_type", "Data").containsEntry("idcode", ID).containsEntry("soc", SOC)
                .containsEntry("fracsec", 250_000).containsEntry("time", "2023-11-14T22:13:20.250Z")
                .containsEntry("pmu_count", 1);
        // 10000 × (100000 × 1e-5 V) = 10000 V at 5236 × 1e-4 rad
        assertThat((double) phasor(data, 0).get("magnitude")).isCloseTo(10_000.0, within(1e-9));
        assertThat((double) phasor(data, 0).get("angle")).isCloseTo(0.5236, within(1e-12));
        assertThat(phasor(data, 0)).containsEntry("type", "voltage").containsEntry("form", "polar");
        // 2500 × 0.1 A = 250 A at -0.1 rad
        assertThat((double) phasor(data, 1).get("magnitude")).isCloseTo(250.0, within(1e-9));
        assertThat((double) phasor(data, 1).get("angle")).isCloseTo(-0.1, within(1e-12));
        assertThat(phasor(data, 1)).containsEntry("type", "current");
        assertThat((double) pmu(data).get("freq_dev_mhz")).isEqualTo(-25.0);
        assertThat((double) pmu(data).get("freq_hz")).isCloseTo(49.975, within(1e-12));
        assertThat((double) pmu(data).get("rocof")).isCloseTo(0.12, within(1e-12));
        // analog 300 as sent: CFG-2's ANUNIT scaling (2 here) is user-defined, reported in the configuration only
        assertThat(pmu(data).get("analogs")).isEqualTo(List.of(300.0));
        assertThat(pmu(data).get("analogs_raw")).isEqualTo(List.of(300.0));
        assertThat(phasor(data, 0).get("raw")).isEqualTo(List.of(10000.0, 5236.0));
        assertThat(pmu(data)).containsEntry("freq_raw", -25.0).containsEntry("dfreq_raw", 12.0);
        assertThat(pmu(data).get("digital")).isEqualTo(List.of(5));
    }

    @Test
    void statBitsAreReported() {
        // data error 3, sync lost, sorted by arrival, trigger, config change, data modified, time quality 5,
        // unlocked 2, trigger reason 7
        int stat = 3 << 14 | 0x2000 | 0x1000 | 0x0800 | 0x0400 | 0x0200 | 5 << 6 | 2 << 4 | 7;
        Map<String, Object> data = decode(integerConfig(), C37118Frames.data(ID, SOC, 0, integerBlock(stat))).get(1);
        assertThat(pmu(data).get("stat")).isEqualTo(Map.of("word", stat, "data_error", 3, "pmu_sync_lost", true,
                "data_sorting_by_arrival", true, "pmu_trigger", true, "config_change", true, "data_modified", true,
                "pmu_time_quality", 5, "unlocked_time", 2, "trigger_reason", 7));
    }

    @Test
    void floatRectangularPhasorsBecomeMagnitudeAndAngle() {
        C37118Frames.Pmu pmu = new C37118Frames.Pmu("F", ID, 0x000e, new String[] {"V"}, new int[] {0},
                new String[] {}, new int[] {}, 0, false, 1);
        byte[] block = ByteBuffer.allocate(2 + 8 + 8).putShort((short) 0).putFloat(3f).putFloat(4f)
                .putFloat(60.02f).putFloat(-0.5f).array();
        Map<String, Object> data = decode(C37118Frames.cfg2(ID, SOC, 1_000_000, 60, pmu), C37118Frames.data(ID, SOC, 0, block))
                .get(1);
        assertThat((double) phasor(data, 0).get("magnitude")).isCloseTo(5.0, within(1e-12));
        assertThat((double) phasor(data, 0).get("angle")).isCloseTo(Math.atan2(4, 3), within(1e-12));
        // float FREQ is the frequency itself (C37.118.2-2011 6.3); 60 Hz nominal
        assertThat((double) pmu(data).get("freq_hz")).isCloseTo(60.02, within(1e-5));
        assertThat((double) pmu(data).get("freq_dev_mhz")).isCloseTo(20.0, within(1e-2));
        assertThat((double) pmu(data).get("rocof")).isEqualTo(-0.5);
    }

    @Test
    void dataWithoutAConfigurationNamesTheIdcode() {
        List<Map<String, Object>> out = decode(C37118Frames.data(ID, SOC, 0, integerBlock(0)));
        assertThat(out).singleElement().satisfies(e -> assertThat((String) e.get("error"))
                .contains("IDCODE 7").contains("no configuration frame"));
    }

    @Test
    void truncatedFrameIsAnError() {
        byte[] data = C37118Frames.data(ID, SOC, 0, integerBlock(0));
        List<Map<String, Object>> out = decode(integerConfig(), Arrays.copyOf(data, data.length - 5));
        assertThat(out).hasSize(2);
        assertThat((String) out.get(1).get("error")).contains("cut short").contains("FRAMESIZE " + data.length);
        assertThat(out.get(1)).containsEntry("length", data.length - 5);
    }

    @Test
    void badCrcIsAnErrorAndTheNextFrameStillDecodes() {
        byte[] bad = C37118Frames.data(ID, SOC, 0, integerBlock(0));
        bad[20] ^= 0x40;
        List<Map<String, Object>> out = decode(integerConfig(), bad, C37118Frames.data(ID, SOC, 1, integerBlock(0)));
        assertThat(out).hasSize(3);
        assertThat((String) out.get(1).get("error")).contains("CRC-CCITT");
        assertThat(out.get(1)).containsEntry("length", bad.length);
        assertThat(out.get(2)).containsEntry("frame_type", "Data").containsEntry("fracsec", 1);
    }

    @Test
    void frameSizeLyingLargerDoesNotSwallowTheFramesAfterIt() {
        byte[] liar = C37118Frames.data(ID, SOC, 0, integerBlock(0));
        liar[2] = (byte) 0x40; // FRAMESIZE 0x40xx: far more than there is
        List<Map<String, Object>> out = decode(integerConfig(), liar, C37118Frames.data(ID, SOC, 2, integerBlock(0)),
                C37118Frames.command(ID, 2));
        assertThat(out).hasSize(4);
        assertThat(out.get(1)).containsKey("error");
        assertThat(out.get(2)).containsEntry("frame_type", "Data").containsEntry("fracsec", 2);
        assertThat(out.get(3)).containsEntry("command", "Data on");
    }

    @Test
    void frameSizeLyingSmallerWithAValidChkIsAnError() {
        byte[] data = C37118Frames.data(ID, SOC, 0, integerBlock(0));
        byte[] shorter = C37118Frames.withCrc(Arrays.copyOf(data, data.length - 4));
        shorter[3] = (byte) shorter.length;
        C37118Frames.withCrc(shorter);
        List<Map<String, Object>> out = decode(integerConfig(), shorter);
        assertThat((String) out.get(1).get("error")).contains("describes 18");
    }

    @Test
    void zeroPmusIsAnError() {
        byte[] cfg = C37118Frames.frame(FrameType.CFG2, ID, SOC, 0,
                ByteBuffer.allocate(8).putInt(1_000_000).putShort((short) 0).putShort((short) 30).array());
        assertThat(decode(cfg)).singleElement().satisfies(e -> assertThat((String) e.get("error")).contains("NUM_PMU is 0"));
    }

    @Test
    void hugeCountsAreRefusedBeforeAnythingIsAllocated() {
        byte[] manyPmus = C37118Frames.frame(FrameType.CFG2, ID, SOC, 0,
                ByteBuffer.allocate(8).putInt(1_000_000).putShort((short) 0xffff).putShort((short) 30).array());
        assertThat(decode(manyPmus)).singleElement()
                .satisfies(e -> assertThat((String) e.get("error")).contains("NUM_PMU 65535"));

        byte[] cfg = integerConfig();
        int phnmr = 16 + 4 + 16 + 2 + 2; // header 14 + TIME_BASE 4 + NUM_PMU 2 + STN 16 + IDCODE 2 + FORMAT 2
        cfg[phnmr] = (byte) 0xff;
        cfg[phnmr + 1] = (byte) 0xff;
        C37118Frames.withCrc(cfg);
        assertThat(decode(cfg)).singleElement()
                .satisfies(e -> assertThat((String) e.get("error")).contains("PHNMR 65535"));
    }

    @Test
    void dataOfTheWrongSizeForItsConfigurationIsAnError() {
        byte[] longer = C37118Frames.data(ID, SOC, 0, integerBlock(0), new byte[4]);
        assertThat((String) decode(integerConfig(), longer).get(1).get("error"))
                .contains("22 bytes of PMU data").contains("describes 18");
    }

    @Test
    void junkBeforeAFrameIsOneErrorThenTheFrame() {
        List<Map<String, Object>> out = decode(new byte[] {1, 2, 3, (byte) 0xAA, 0x77, 9}, C37118Frames.command(ID, 5));
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).containsEntry("offset", 0L).containsEntry("length", 6);
        assertThat(out.get(1)).containsEntry("command", "Send CFG-2").containsEntry("offset", 6L);
    }
    @Test
    void severalPmusInOneStreamEachWithItsOwnFormat() {
        C37118Frames.Pmu floats = new C37118Frames.Pmu("SUB B", 8, 0x000f, new String[] {"VA"}, new int[] {0},
                new String[] {"T1", "T2"}, new int[] {0, 0}, 0, false, 1);
        byte[] cfg = C37118Frames.cfg2(ID, SOC, 1_000_000, 30, integerPmu(), floats);
        byte[] floatBlock = ByteBuffer.allocate(2 + 8 + 8 + 8).putShort((short) 0x2000).putFloat(120f).putFloat(1.5f)
                .putFloat(59.99f).putFloat(0f).putFloat(21.5f).putFloat(-3f).array();
        List<Map<String, Object>> out = decode(cfg, C37118Frames.data(ID, SOC, 0, integerBlock(0), floatBlock));
        assertThat(out).hasSize(2).noneMatch(m -> m.containsKey("error"));
        assertThat(out.get(0)).containsEntry("pmu_count", 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> pmus = (List<Map<String, Object>>) out.get(1).get("pmus");
        assertThat(pmus).extracting(p -> p.get("station")).containsExactly("SUB A", "SUB B");
        assertThat(pmus.get(1)).containsEntry("idcode", 8).containsEntry("analogs", List.of(21.5, -3.0));
        assertThat((double) pmus.get(1).get("freq_hz")).isCloseTo(59.99, within(1e-5));
        assertThat((double) pmus.get(0).get("freq_hz")).isCloseTo(49.975, within(1e-12));
        @SuppressWarnings("unchecked")
        Map<String, Object> stat = (Map<String, Object>) pmus.get(1).get("stat");
        assertThat(stat).containsEntry("pmu_sync_lost", true);
    }

    @Test
    void headerFrameText() {
        byte[] header = C37118Frames.frame(FrameType.HEADER, ID, SOC, 0, "PMU at bus 12, 230 kV".getBytes());
        assertThat(decode(header)).singleElement().satisfies(m -> assertThat(m).containsEntry("frame_type", "Header")
                .containsEntry("text", "PMU at bus 12, 230 kV").containsEntry("frame_size", 16 + 21));
    }
}
