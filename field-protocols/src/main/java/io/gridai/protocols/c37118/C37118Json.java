package io.gridai.protocols.c37118;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of decoded C37.118 frames (field names stable, snake_case). */
final class C37118Json {

    private C37118Json() {
    }

    /** Fields every frame has; {@code time} uses {@code timeBase} when known (else it is the SOC's whole second). */
    static Map<String, Object> common(Header h, int timeBase) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frame_type", h.type().label());
        m.put("version", h.version());
        m.put("frame_size", h.frameSize());
        m.put("idcode", h.idcode());
        m.put("soc", h.soc());
        m.put("fracsec", h.fracsec());
        if (timeBase > 0) {
            m.put("time_base", timeBase);
            m.put("time", Instant.ofEpochSecond(h.soc(), Math.round(h.fracsec() * 1e9 / timeBase)).toString());
        } else {
            m.put("time", Instant.ofEpochSecond(h.soc()).toString());
        }
        Map<String, Object> tq = new LinkedHashMap<>();
        tq.put("leap_second_direction", (h.timeQuality() & 0x40) != 0 ? "delete" : "add");
        tq.put("leap_second_occurred", (h.timeQuality() & 0x20) != 0);
        tq.put("leap_second_pending", (h.timeQuality() & 0x10) != 0);
        tq.put("code", h.timeQualityCode());
        m.put("time_quality", tq);
        return m;
    }

    static Map<String, Object> data(DataFrame d) {
        Map<String, Object> m = common(d.header(), d.config().timeBase());
        m.put("pmu_count", d.pmus().size());
        List<Map<String, Object>> pmus = new ArrayList<>(d.pmus().size());
        for (PmuData p : d.pmus()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("idcode", p.config().idcode());
            pm.put("station", p.config().station());
            pm.put("stat", stat(p.stat()));
            List<Map<String, Object>> phasors = new ArrayList<>(p.phasors().size());
            for (Phasor ph : p.phasors()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("name", ph.name());
                x.put("type", ph.current() ? "current" : "voltage");
                x.put("form", ph.polar() ? "polar" : "rectangular");
                x.put("magnitude", ph.magnitude());
                x.put("angle", ph.angle());
                x.put("real", ph.real());
                x.put("imaginary", ph.imaginary());
                x.put("raw", List.of(ph.rawA(), ph.rawB()));
                phasors.add(x);
            }
            pm.put("phasors", phasors);
            pm.put("freq_hz", p.frequencyHz());
            pm.put("freq_dev_mhz", p.freqDeviationMilliHz());
            pm.put("rocof", p.rocof());
            pm.put("analogs", p.analogs());
            pm.put("digital", p.digitals());
            pm.put("freq_raw", p.freqRaw());
            pm.put("dfreq_raw", p.dfreqRaw());
            pm.put("analogs_raw", p.analogsRaw());
            pmus.add(pm);
        }
        m.put("pmus", pmus);
        return m;
    }

    static Map<String, Object> stat(Stat s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("word", s.word());
        m.put("data_error", s.dataError());
        m.put("pmu_sync_lost", s.syncLost());
        m.put("data_sorting_by_arrival", s.sortedByArrival());
        m.put("pmu_trigger", s.trigger());
        m.put("config_change", s.configChange());
        m.put("data_modified", s.dataModified());
        m.put("pmu_time_quality", s.timeQuality());
        m.put("unlocked_time", s.unlockedTime());
        m.put("trigger_reason", s.triggerReason());
        return m;
    }

    static Map<String, Object> config(ConfigFrame c) {
        Map<String, Object> m = common(c.header(), c.timeBase());
        boolean cfg3 = c.header().type() == FrameType.CFG3;
        if (cfg3) {
            m.put("continuation_index", c.continuationIndex());
        }
        m.put("pmu_count", c.pmus().size());
        m.put("data_rate", c.dataRate());
        List<Map<String, Object>> pmus = new ArrayList<>(c.pmus().size());
        for (PmuConfig p : c.pmus()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("station", p.station());
            pm.put("idcode", p.idcode());
            if (cfg3) {
                pm.put("global_pmuid", p.globalPmuId());
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("word", p.format().word());
            f.put("phasor_polar", p.format().polar());
            f.put("phasor_float", p.format().phasorsFloat());
            f.put("analog_float", p.format().analogsFloat());
            f.put("freq_float", p.format().freqFloat());
            pm.put("format", f);
            pm.put("phasor_count", p.phasors().size());
            pm.put("analog_count", p.analogs().size());
            pm.put("digital_count", p.digitals().size());
            List<Map<String, Object>> phasors = new ArrayList<>();
            for (PhasorChannel ch : p.phasors()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("name", ch.name());
                x.put("type", ch.current() ? "current" : "voltage");
                x.put("scale", ch.scale());
                if (cfg3) {
                    x.put("angle_adjustment", ch.angleAdjustment());
                    x.put("flags", ch.flags());
                }
                phasors.add(x);
            }
            pm.put("phasors", phasors);
            List<Map<String, Object>> analogs = new ArrayList<>();
            for (AnalogChannel ch : p.analogs()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("name", ch.name());
                if (!cfg3) {
                    x.put("type", switch (ch.type()) {
                        case 0 -> "single point-on-wave";
                        case 1 -> "rms";
                        case 2 -> "peak";
                        default -> "reserved " + ch.type();
                    });
                }
                x.put("scale", ch.scale());
                x.put("offset", ch.offset());
                analogs.add(x);
            }
            pm.put("analogs", analogs);
            List<Map<String, Object>> digitals = new ArrayList<>();
            for (DigitalWord w : p.digitals()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("names", w.names());
                x.put("normal_status_mask", w.normalStatusMask());
                x.put("valid_inputs_mask", w.validInputsMask());
                digitals.add(x);
            }
            pm.put("digitals", digitals);
            pm.put("nominal_freq_hz", p.nominalHz());
            pm.put("cfgcnt", p.cfgcnt());
            if (cfg3) {
                pm.put("latitude", p.latitude());
                pm.put("longitude", p.longitude());
                pm.put("elevation", p.elevation());
                pm.put("svc_class", p.serviceClass());
                pm.put("window", p.window());
                pm.put("group_delay", p.groupDelay());
            }
            pmus.add(pm);
        }
        m.put("pmus", pmus);
        return m;
    }
}
