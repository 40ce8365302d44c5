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

/**
 * CFG-3 (C37.118.2-2011 Table 10), whole and fragmented, and a data frame decoded with it. The frame is
 * {@link FuzzSeeds#cfg3()}: station "PMU", IDCODE 11, FORMAT 0x000f (all float, polar), one phasor "VA" (voltage,
 * scale 1, angle adjustment 0), latitude 45.5, longitude -122.6, elevation 10, service class 'M', 50 Hz, CFGCNT 4,
 * 30 frames/s.
 */
class Cfg3Test {

    private static List<Map<String, Object>> decode(byte[]... frames) {
        List<Map<String, Object>> out = new ArrayList<>();
        new StreamDecoder(FieldProtocol.C37118).decode(C37118Frames.concat(frames), out::add);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pmu(Map<String, Object> frame) {
        return ((List<Map<String, Object>>) frame.get("pmus")).get(0);
    }

    private static byte[] data() {
        byte[] block = ByteBuffer.allocate(18).putShort((short) 0).putFloat(230.5f).putFloat(-0.25f).putFloat(50.02f)
                .putFloat(0.05f).array();
        return C37118Frames.data(11, C37118DecoderTest.SOC, 100_000, block);
    }

    @Test
    void cfg3AndItsDataFrame() {
        List<Map<String, Object>> out = decode(FuzzSeeds.cfg3(), data());
        assertThat(out).hasSize(2).noneMatch(m -> m.containsKey("error"));
        Map<String, Object> cfg = out.get(0);
        assertThat(cfg).containsEntry("frame_type", "CFG3").containsEntry("continuation_index", 0)
                .containsEntry("pmu_count", 1).containsEntry("data_rate", 30).containsEntry("time_base", 1_000_000);
        assertThat(pmu(cfg)).containsEntry("station", "PMU").containsEntry("idcode", 11)
                .containsEntry("global_pmuid", "00000000000000000000000000000000").containsEntry("nominal_freq_hz", 50)
                .containsEntry("cfgcnt", 4).containsEntry("svc_class", "M").containsEntry("latitude", 45.5)
                .containsEntry("elevation", 10.0);
        assertThat((double) pmu(cfg).get("longitude")).isCloseTo(-122.6, within(1e-5));

        Map<String, Object> data = out.get(1);
        assertThat(data).containsEntry("time", "2023-11-14T22:13:20.100Z");
        @SuppressWarnings("unchecked")
        Map<String, Object> va = ((List<Map<String, Object>>) pmu(data).get("phasors")).get(0);
        assertThat(va).containsEntry("name", "VA").containsEntry("form", "polar").containsEntry("magnitude", 230.5)
                .containsEntry("angle", -0.25);
        assertThat((double) pmu(data).get("freq_hz")).isCloseTo(50.02, within(1e-5));
        assertThat((double) pmu(data).get("rocof")).isCloseTo(0.05, within(1e-7));
    }

    @Test
    void fragmentedCfg3IsReassembled() {
        byte[] whole = FuzzSeeds.cfg3();
        byte[] body = Arrays.copyOfRange(whole, 16, whole.length - 2); // after CONT_IDX … before CHK
        int cut = 20;
        byte[] first = C37118Frames.frame(FrameType.CFG3, 11, C37118DecoderTest.SOC, 0,
                C37118Frames.concat(new byte[] {0, 1}, Arrays.copyOfRange(body, 0, cut)));
        byte[] last = C37118Frames.frame(FrameType.CFG3, 11, C37118DecoderTest.SOC, 0,
                C37118Frames.concat(new byte[] {(byte) 0xff, (byte) 0xff}, Arrays.copyOfRange(body, cut, body.length)));
        List<Map<String, Object>> out = decode(first, last, data());
        assertThat(out).hasSize(3).noneMatch(m -> m.containsKey("error"));
        assertThat(out.get(0)).containsEntry("continuation_index", 1).doesNotContainKey("pmus");
        assertThat(out.get(1)).containsEntry("continuation_index", 0xffff);
        assertThat(pmu(out.get(1))).containsEntry("station", "PMU");
        assertThat(out.get(2)).containsEntry("frame_type", "Data");
    }

    @Test
    void aLaterFragmentWithoutTheFirstIsAnError() {
        byte[] whole = FuzzSeeds.cfg3();
        byte[] orphan = C37118Frames.frame(FrameType.CFG3, 11, C37118DecoderTest.SOC, 0,
                C37118Frames.concat(new byte[] {0, 2}, Arrays.copyOfRange(whole, 16, 30)));
        assertThat(decode(orphan)).singleElement()
                .satisfies(m -> assertThat((String) m.get("error")).contains("without the first fragment"));
    }
}
