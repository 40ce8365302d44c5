package io.gridai.protocols.c37118;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridai.protocols.SharedCaptures;
import io.gridai.protocols.ZeekLog;
import io.gridai.protocols.decode.FieldProtocol;

/**
 * Each C37.118 capture decoded and compared, frame by frame, with the Zeek (ICSNPP-Synchrophasor) decodes of the
 * same capture under {@code expected/<capture>/}. Zeek's logs are sorted (diff-sort) and their timestamps and ids
 * masked, so frames are matched per connection as multisets of their values, never by position.
 *
 * <p>Tolerance: Zeek prints doubles with 6 decimals, so a printed value is within 5e-7 of the float it printed; the
 * decoder's values are those floats exactly. {@link #PRINTED} is that bound with a little room.
 */
class C37118CaptureTest {

    /** Zeek's printed precision (6 decimals: half a unit in the last place is 5e-7) plus room for binary rounding. */
    static final double PRINTED = 6e-7;

    private record Capture(String name, Path pcap, Path expected) {
    }

    private static Capture capture(String name) {
        return new Capture(name, SharedCaptures.require("c37118/C37.118_" + name + ".pcap"),
                SharedCaptures.require("c37118/expected/" + name));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    private static String conn(Map<String, Object> frame) {
        return ZeekLog.connection((String) frame.get("src"), (String) frame.get("dst"));
    }

    private static Map<String, String> zeekConnections(ZeekLog log) {
        Map<String, String> uids = new HashMap<>();
        log.rows().forEach(r -> uids.put(r.get("uid"), ZeekLog.connection(r)));
        return uids;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1PMU_TCP", "1PMU_UDP", "2PMUsInSync_TCP"})
    void decodesEveryFrameWithoutError(String name) {
        Capture c = capture(name);
        SharedCaptures.Decoded d = SharedCaptures.decode(c.pcap(), FieldProtocol.C37118);
        // errors on the capture's C37.118 connections (other traffic is not C37.118 and is not reported)
        assertThat(d.errors()).as("error objects").isEmpty();
        long zeekFrames = ZeekLog.read(c.expected().resolve("synchrophasor_data.log")).rows().size()
                + ZeekLog.read(c.expected().resolve("synchrophasor_cfg.log")).rows().size()
                + ZeekLog.read(c.expected().resolve("synchrophasor_cmd.log")).rows().size()
                + ZeekLog.read(c.expected().resolve("synchrophasor_hdr.log")).rows().size();
        assertThat(d.frames()).as("frames decoded, as many as Zeek logged").hasSize((int) zeekFrames);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1PMU_TCP", "1PMU_UDP", "2PMUsInSync_TCP"})
    void dataFramesMatchZeekFrameByFrame(String name) {
        Capture c = capture(name);
        SharedCaptures.Decoded d = SharedCaptures.decode(c.pcap(), FieldProtocol.C37118);
        ZeekLog data = ZeekLog.read(c.expected().resolve("synchrophasor_data.log"));
        ZeekLog detail = ZeekLog.read(c.expected().resolve("synchrophasor_data_detail.log"));
        Map<String, String> conns = zeekConnections(data);

        // frame level: per connection, the multiset of (frame size, PMUs) is Zeek's
        Map<String, Map<String, Integer>> ours = new TreeMap<>();
        Map<String, Map<String, Integer>> zeek = new TreeMap<>();
        for (Map<String, Object> f : d.frames()) {
            if ("Data".equals(f.get("frame_type"))) {
                ours.computeIfAbsent(conn(f), k -> new TreeMap<>())
                        .merge(f.get("frame_size") + "/" + f.get("pmu_count") + "/" + f.get("pmu_count"), 1, Integer::sum);
            }
        }
        for (Map<String, String> r : data.rows()) {
            assertThat(r.get("frame_type")).isEqualTo("Data");
            zeek.computeIfAbsent(conns.get(r.get("uid")), k -> new TreeMap<>()).merge(r.get("frame_size") + "/"
                    + r.get("pmu_count_expected") + "/" + r.get("pmu_count_actual"), 1, Integer::sum);
        }
        assertThat(ours).isEqualTo(zeek);

        // PMU level: every Zeek data_detail row matches one decoded PMU block of the same connection, one to one
        Map<String, List<Map<String, Object>>> blocks = new HashMap<>();
        for (Map<String, Object> f : d.frames()) {
            if ("Data".equals(f.get("frame_type"))) {
                List<Map<String, Object>> pmus = list(f.get("pmus"));
                for (int i = 0; i < pmus.size(); i++) {
                    Map<String, Object> b = new LinkedHashMap<>(pmus.get(i));
                    b.put("pmu_idx", i);
                    blocks.computeIfAbsent(conn(f), k -> new ArrayList<>()).add(b);
                }
            }
        }
        Map<String, String> detailConns = zeekConnections(detail);
        Map<String, boolean[]> used = new HashMap<>();
        blocks.forEach((k, v) -> used.put(k, new boolean[v.size()]));
        int matched = 0;
        for (Map<String, String> row : detail.rows()) {
            String conn = detailConns.get(row.get("uid"));
            List<Map<String, Object>> candidates = blocks.getOrDefault(conn, List.of());
            boolean[] taken = used.get(conn);
            int found = -1;
            for (int i = 0; i < candidates.size() && found < 0; i++) {
                if (!taken[i] && sameBlock(row, candidates.get(i))) {
                    found = i;
                }
            }
            if (found < 0) {
                fail("no decoded PMU block on " + conn + " matches Zeek's " + row);
            }
            taken[found] = true;
            matched++;
        }
        int total = blocks.values().stream().mapToInt(List::size).sum();
        assertThat(matched).as("decoded PMU blocks matched one to one").isEqualTo(total).isEqualTo(detail.rows().size());
    }

    private static boolean sameBlock(Map<String, String> z, Map<String, Object> b) {
        @SuppressWarnings("unchecked")
        Map<String, Object> stat = (Map<String, Object>) b.get("stat");
        if (Integer.parseInt(z.get("pmu_idx")) != (int) b.get("pmu_idx")
                || Integer.parseInt(z.get("trigger_reason")) != (int) stat.get("trigger_reason")
                || Integer.parseInt(z.get("unlocked_time")) != (int) stat.get("unlocked_time")
                || Integer.parseInt(z.get("pmu_time_quality")) != (int) stat.get("pmu_time_quality")
                || ZeekLog.bool(z.get("data_modified")) != (boolean) stat.get("data_modified")
                || ZeekLog.bool(z.get("config_change")) != (boolean) stat.get("config_change")
                || ZeekLog.bool(z.get("pmu_trigger_pickup")) != (boolean) stat.get("pmu_trigger")
                || ZeekLog.bool(z.get("data_sorting_type")) != (boolean) stat.get("data_sorting_by_arrival")
                || ZeekLog.bool(z.get("pmu_sync_error")) != (boolean) stat.get("pmu_sync_lost")
                || Integer.parseInt(z.get("data_error_indicator")) != (int) stat.get("data_error")) {
            return false;
        }
        List<Map<String, Object>> phasors = list(b.get("phasors"));
        List<Double> re = ZeekLog.doubles(z.get("est_rectangular_real"));
        List<Double> im = ZeekLog.doubles(z.get("est_rectangular_imaginary"));
        List<Double> mag = ZeekLog.doubles(z.get("est_polar_magnitude"));
        List<Double> ang = ZeekLog.doubles(z.get("est_polar_angle"));
        if (re.size() != phasors.size() || mag.size() != phasors.size()) {
            return false;
        }
        for (int i = 0; i < phasors.size(); i++) {
            Map<String, Object> p = phasors.get(i);
            boolean polar = "polar".equals(p.get("form"));
            @SuppressWarnings("unchecked")
            List<Double> raw = (List<Double>) p.get("raw");
            // Zeek prints the numbers as sent in the form the PMU sent and leaves the other form at 0.0
            double a = polar ? mag.get(i) : re.get(i);
            double bb = polar ? ang.get(i) : im.get(i);
            double other1 = polar ? re.get(i) : mag.get(i);
            double other2 = polar ? im.get(i) : ang.get(i);
            if (Math.abs(a - raw.get(0)) > PRINTED || Math.abs(bb - raw.get(1)) > PRINTED || other1 != 0 || other2 != 0) {
                return false;
            }
            // these captures' phasors are floats (their CFG-2 FORMAT says so): the values are the numbers sent
            double v1 = (double) p.get(polar ? "magnitude" : "real");
            double v2 = (double) p.get(polar ? "angle" : "imaginary");
            if (v1 != raw.get(0) || v2 != raw.get(1)) {
                return false;
            }
        }
        // FREQ, DFREQ and analogs as sent
        if (Math.abs(Double.parseDouble(z.get("freq_dev_mhz")) - (double) b.get("freq_raw")) > PRINTED
                || Math.abs(Double.parseDouble(z.get("rocof")) - (double) b.get("dfreq_raw")) > PRINTED) {
            return false;
        }
        @SuppressWarnings("unchecked")
        List<Double> analogs = (List<Double>) b.get("analogs_raw");
        List<Double> zAnalogs = ZeekLog.doubles(z.get("analog_data"));
        if (analogs.size() != zAnalogs.size()) {
            return false;
        }
        for (int i = 0; i < analogs.size(); i++) {
            if (Math.abs(analogs.get(i) - zAnalogs.get(i)) > PRINTED) {
                return false;
            }
        }
        List<Integer> zDigital = ZeekLog.vector(z.get("digital")).stream().map(Integer::valueOf).toList();
        return zDigital.equals(b.get("digital"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1PMU_TCP", "1PMU_UDP", "2PMUsInSync_TCP"})
    void configFramesMatchZeek(String name) {
        Capture c = capture(name);
        SharedCaptures.Decoded d = SharedCaptures.decode(c.pcap(), FieldProtocol.C37118);
        ZeekLog cfg = ZeekLog.read(c.expected().resolve("synchrophasor_cfg.log"));
        ZeekLog detail = ZeekLog.read(c.expected().resolve("synchrophasor_cfg_detail.log"));
        List<Map<String, Object>> configs = d.frames().stream()
                .filter(f -> String.valueOf(f.get("frame_type")).startsWith("CFG")).toList();
        assertThat(configs).hasSize(cfg.rows().size());
        Map<String, String> conns = zeekConnections(cfg);

        List<String> ours = new ArrayList<>();
        for (Map<String, Object> f : configs) {
            ours.add(conn(f) + " " + f.get("frame_type") + " size=" + f.get("frame_size") + " cont="
                    + f.getOrDefault("continuation_index", 0) + " pmus=" + f.get("pmu_count") + "/" + f.get("pmu_count")
                    + " rate=" + f.get("data_rate"));
        }
        List<String> zeek = cfg.rows().stream().map(r -> conns.get(r.get("uid")) + " " + r.get("frame_type") + " size="
                + r.get("frame_size") + " cont=" + r.get("cont_idx") + " pmus=" + r.get("pmu_count_expected") + "/"
                + r.get("pmu_count_actual") + " rate=" + r.get("data_rate")).toList();
        assertThat(ours).containsExactlyInAnyOrderElementsOf(zeek);

        List<String> ourPmus = new ArrayList<>();
        for (Map<String, Object> f : configs) {
            List<Map<String, Object>> pmus = list(f.get("pmus"));
            for (int i = 0; i < pmus.size(); i++) {
                ourPmus.add(conn(f) + " " + f.get("frame_type") + " " + describe(i, pmus.get(i)));
            }
        }
        Map<String, String> detailConns = zeekConnections(detail);
        List<String> zeekPmus = detail.rows().stream().map(r -> detailConns.get(r.get("uid")) + " " + r.get("frame_type")
                + " " + describe(r)).toList();
        assertThat(ourPmus).containsExactlyInAnyOrderElementsOf(zeekPmus);
    }

    @SuppressWarnings("unchecked")
    private static String describe(int index, Map<String, Object> pmu) {
        Map<String, Object> format = (Map<String, Object>) pmu.get("format");
        List<Map<String, Object>> phasors = list(pmu.get("phasors"));
        List<Map<String, Object>> analogs = list(pmu.get("analogs"));
        List<Map<String, Object>> digitals = list(pmu.get("digitals"));
        return "pmu " + index + " station=" + pmu.get("station") + " id=" + pmu.get("idcode")
                + " polar=" + format.get("phasor_polar") + " phfloat=" + format.get("phasor_float")
                + " anfloat=" + format.get("analog_float") + " freqfloat=" + format.get("freq_float")
                + " n=" + phasors.size() + "/" + analogs.size() + "/" + digitals.size()
                + " phnam=" + phasors.stream().map(p -> (String) p.get("name")).toList()
                + " annam=" + analogs.stream().map(p -> (String) p.get("name")).toList()
                + " dgnam=" + digitals.stream().flatMap(w -> ((List<String>) w.get("names")).stream()).toList()
                // PHUNIT's 24-bit factor (scale = factor × 1e-5 V or A per bit)
                + " factor=" + phasors.stream().map(p -> Math.round((double) p.get("scale") * 1e5)).toList()
                + " current=" + phasors.stream().map(p -> "current".equals(p.get("type"))).toList()
                + " masks=" + digitals.stream().map(w -> w.get("normal_status_mask") + ":" + w.get("valid_inputs_mask")).toList()
                + " fnom50=" + (((int) pmu.get("nominal_freq_hz")) == 50) + " cfgcnt=" + pmu.get("cfgcnt");
    }

    private static String describe(Map<String, String> r) {
        List<String> phunit = ZeekLog.vector(r.get("phasor_conv_phunit"));
        List<String> phvalue = ZeekLog.vector(r.get("phasor_conv_phvalue"));
        List<Long> factor = new ArrayList<>();
        for (int i = 0; i < phunit.size(); i++) {
            // Zeek splits PHUNIT's 24-bit factor into its low byte (phunit) and the 16 bits above it (phvalue)
            factor.add(Long.parseLong(phvalue.get(i)) * 256 + Long.parseLong(phunit.get(i)));
        }
        List<String> normal = ZeekLog.vector(r.get("digital_conv_normal_status_mask"));
        List<String> valid = ZeekLog.vector(r.get("digital_conv_valid_inputs_mask"));
        List<String> masks = new ArrayList<>();
        for (int i = 0; i < normal.size(); i++) {
            masks.add(normal.get(i) + ":" + valid.get(i));
        }
        return "pmu " + r.get("pmu_idx") + " station=" + r.get("station_name") + " id=" + r.get("data_source_id")
                + " polar=" + ZeekLog.bool(r.get("phasor_shape")) + " phfloat=" + ZeekLog.bool(r.get("phasor_format"))
                + " anfloat=" + ZeekLog.bool(r.get("analog_format")) + " freqfloat=" + ZeekLog.bool(r.get("freq_format"))
                + " n=" + r.get("phnmr") + "/" + r.get("annmr") + "/" + r.get("dgnmr")
                + " phnam=" + ZeekLog.vector(r.get("phnam")) + " annam=" + ZeekLog.vector(r.get("annam"))
                + " dgnam=" + ZeekLog.vector(r.get("dgnam"))
                + " factor=" + factor
                + " current=" + ZeekLog.vector(r.get("phasor_conv_phasor_type")).stream().map(ZeekLog::bool).toList()
                + " masks=" + masks
                + " fnom50=" + "1".equals(r.get("fnom")) + " cfgcnt=" + r.get("cfgcnt");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1PMU_TCP", "1PMU_UDP", "2PMUsInSync_TCP"})
    void commandAndHeaderFramesMatchZeek(String name) {
        Capture c = capture(name);
        SharedCaptures.Decoded d = SharedCaptures.decode(c.pcap(), FieldProtocol.C37118);
        ZeekLog cmd = ZeekLog.read(c.expected().resolve("synchrophasor_cmd.log"));
        Map<String, String> conns = zeekConnections(cmd);
        List<String> ours = d.frames().stream().filter(f -> "Command".equals(f.get("frame_type")))
                .map(f -> conn(f) + " " + f.get("frame_size") + " " + f.get("command")).toList();
        List<String> zeek = cmd.rows().stream()
                .map(r -> conns.get(r.get("uid")) + " " + r.get("frame_size") + " " + r.get("command")).toList();
        assertThat(ours).containsExactlyInAnyOrderElementsOf(zeek);

        ZeekLog hdr = ZeekLog.read(c.expected().resolve("synchrophasor_hdr.log"));
        assertThat(d.frames().stream().filter(f -> "Header".equals(f.get("frame_type"))).count())
                .isEqualTo(hdr.rows().size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1PMU_TCP", "1PMU_UDP", "2PMUsInSync_TCP"})
    void connectionSummariesMatchZeek(String name) {
        Capture c = capture(name);
        SharedCaptures.Decoded d = SharedCaptures.decode(c.pcap(), FieldProtocol.C37118);
        ZeekLog summary = ZeekLog.read(c.expected().resolve("synchrophasor.log"));
        Map<String, List<Map<String, Object>>> byConn = d.frames().stream()
                .collect(Collectors.groupingBy(C37118CaptureTest::conn));
        for (Map<String, String> r : summary.rows()) {
            List<Map<String, Object>> frames = byConn.get(ZeekLog.connection(r));
            assertThat(frames).as("frames on " + ZeekLog.connection(r)).isNotNull();
            List<Integer> sizes = frames.stream().map(f -> (Integer) f.get("frame_size")).toList();
            assertThat(sizes.stream().mapToInt(Integer::intValue).min().orElseThrow())
                    .isEqualTo(Integer.parseInt(r.get("frame_size_min")));
            assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElseThrow())
                    .isEqualTo(Integer.parseInt(r.get("frame_size_max")));
            assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(Integer.parseInt(r.get("frame_size_tot")));
            assertThat(frames.stream().filter(f -> "Data".equals(f.get("frame_type"))).count())
                    .isEqualTo(Long.parseLong(r.get("data_frame_count")));
            assertThat(frames.stream().map(f -> String.valueOf(f.get("version"))).distinct().toList())
                    .containsExactlyInAnyOrderElementsOf(ZeekLog.vector(r.get("version")));
            assertThat(frames.stream().filter(f -> f.containsKey("data_rate")).map(f -> String.valueOf(f.get("data_rate")))
                    .distinct().toList()).containsExactlyInAnyOrderElementsOf(ZeekLog.vector(r.get("data_rate")));
            assertThat(frames.stream().filter(f -> !"Command".equals(f.get("frame_type")))
                    .map(f -> String.valueOf(f.get("idcode"))).distinct().toList())
                    .containsExactlyInAnyOrderElementsOf(ZeekLog.vector(r.get("data_stream_id")));
        }
        assertThat(byConn.keySet()).containsExactlyInAnyOrderElementsOf(
                summary.rows().stream().map(ZeekLog::connection).toList());
    }
}
