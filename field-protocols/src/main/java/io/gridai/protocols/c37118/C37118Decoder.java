package io.gridai.protocols.c37118;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gridai.protocols.decode.Decoding;
import io.gridai.protocols.decode.FrameCutter;
import io.gridai.protocols.decode.FrameDecoder;
import io.gridai.protocols.pcap.Flow;

/**
 * Decodes IEEE C37.118.2 frames (2005 and 2011 versions): data, header, CFG-1/2/3 (fragmented CFG-3 reassembled) and
 * command frames. It keeps every configuration frame it decodes, per stream and IDCODE, to decode the data frames
 * that follow; a data frame whose IDCODE has no configuration earlier in its stream (or, for UDP data with
 * configuration over TCP, from the same source address) is an error that says so.
 *
 * <p>Every count read from a frame is checked against the bytes the frame has before anything is allocated for it.
 */
public final class C37118Decoder implements FrameDecoder {

    /** Configurations kept; beyond this the oldest are forgotten. */
    static final int MAX_CONFIGS = 4096;
    /** Largest reassembled CFG-3 body. */
    static final int MAX_CFG3_BYTES = 1 << 20;

    private static final FrameCutter CUTTER = new C37118Cutter();

    private record StreamKey(Flow flow, int idcode) {
    }

    private record SourceKey(String address, int idcode) {
    }

    private final Map<StreamKey, ConfigFrame> configs = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StreamKey, ConfigFrame> eldest) {
            return size() > MAX_CONFIGS;
        }
    };
    private final Map<SourceKey, ConfigFrame> bySource = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SourceKey, ConfigFrame> eldest) {
            return size() > MAX_CONFIGS;
        }
    };
    private final Map<StreamKey, java.io.ByteArrayOutputStream> cfg3Fragments = new HashMap<>();

    @Override
    public FrameCutter cutter() {
        return CUTTER;
    }

    @Override
    public Decoding decode(byte[] frame, Flow flow) {
        try {
            return decodeChecked(frame, flow);
        } catch (FrameReader.Short e) {
            return Decoding.failed(e.getMessage());
        }
    }

    /** The configuration this decoder would use for a data frame of {@code idcode} on {@code flow}, or null. */
    public ConfigFrame configFor(Flow flow, int idcode) {
        ConfigFrame c = configs.get(new StreamKey(flow, idcode));
        if (c == null && flow != null) {
            c = bySource.get(new SourceKey(flow.source().address(), idcode));
        }
        return c;
    }

    /**
     * Decodes a data frame with a known configuration (as a live client does after reading the PMU's CFG-2).
     *
     * @throws IllegalArgumentException when the frame is not a well-formed data frame for {@code config}
     */
    public static DataFrame decodeData(byte[] frame, ConfigFrame config) {
        try {
            Header h = header(frame);
            String problem = check(frame, h);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            if (h.type() != FrameType.DATA) {
                throw new IllegalArgumentException("a " + h.type().label() + " frame, not a data frame");
            }
            Object d = data(frame, h, config);
            if (d instanceof String reason) {
                throw new IllegalArgumentException(reason);
            }
            return (DataFrame) d;
        } catch (FrameReader.Short e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Decodes a configuration frame (CFG-1, CFG-2, or an unfragmented CFG-3).
     *
     * @throws IllegalArgumentException when the frame is not a well-formed configuration frame
     */
    public static ConfigFrame decodeConfig(byte[] frame) {
        try {
            Header h = header(frame);
            String problem = check(frame, h);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            if (!h.type().isConfig()) {
                throw new IllegalArgumentException("a " + h.type().label() + " frame, not a configuration frame");
            }
            FrameReader r = new FrameReader(frame, 14, frame.length - 2);
            int cont = 0;
            if (h.type() == FrameType.CFG3) {
                cont = r.u16("CONT_IDX");
                if (cont != 0) {
                    throw new IllegalArgumentException("a fragment (CONT_IDX " + cont + ") of a CFG-3 frame");
                }
            }
            return config(h, r, cont);
        } catch (FrameReader.Short e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private Decoding decodeChecked(byte[] frame, Flow flow) throws FrameReader.Short {
        Header h = header(frame);
        String problem = check(frame, h);
        if (problem != null) {
            return Decoding.failed(problem);
        }
        StreamKey key = new StreamKey(flow, h.idcode());
        return switch (h.type()) {
            case DATA -> {
                ConfigFrame config = configFor(flow, h.idcode());
                if (config == null) {
                    yield Decoding.failed("data frame from IDCODE " + h.idcode() + " but no configuration frame (CFG-2 or"
                            + " CFG-3) for IDCODE " + h.idcode() + " came earlier in this stream; capture from the start"
                            + " of the connection, or send the PMU the 'send CFG-2' command first");
                }
                Object d = data(frame, h, config);
                yield d instanceof String reason ? Decoding.failed(reason)
                        : new Decoding.Decoded(C37118Json.data((DataFrame) d));
            }
            case HEADER -> {
                FrameReader r = new FrameReader(frame, 14, frame.length - 2);
                String text = r.text(r.remaining());
                Map<String, Object> m = C37118Json.common(h, timeBaseFor(flow, h.idcode()));
                m.put("text", text);
                yield new Decoding.Decoded(m);
            }
            case COMMAND -> new Decoding.Decoded(command(frame, h, timeBaseFor(flow, h.idcode())));
            case CFG1, CFG2 -> {
                ConfigFrame c = config(h, new FrameReader(frame, 14, frame.length - 2), 0);
                remember(key, flow, c);
                yield new Decoding.Decoded(C37118Json.config(c));
            }
            case CFG3 -> cfg3(frame, h, key, flow);
        };
    }

    private Decoding cfg3(byte[] frame, Header h, StreamKey key, Flow flow) throws FrameReader.Short {
        FrameReader r = new FrameReader(frame, 14, frame.length - 2);
        int cont = r.u16("CONT_IDX");
        if (cont == 0) {
            cfg3Fragments.remove(key);
            ConfigFrame c = config(h, r, 0);
            remember(key, flow, c);
            return new Decoding.Decoded(C37118Json.config(c));
        }
        java.io.ByteArrayOutputStream parts = cfg3Fragments.get(key);
        if (cont == 1) {
            parts = new java.io.ByteArrayOutputStream();
            cfg3Fragments.put(key, parts);
        } else if (parts == null) {
            return Decoding.failed("CFG-3 fragment CONT_IDX " + cont + " without the first fragment (CONT_IDX 1) before it");
        }
        if (parts.size() + r.remaining() > MAX_CFG3_BYTES) {
            cfg3Fragments.remove(key);
            return Decoding.failed("fragmented CFG-3 larger than " + MAX_CFG3_BYTES + " bytes; fragments dropped");
        }
        parts.write(frame, r.position(), r.remaining());
        if (cont != 0xffff) {
            Map<String, Object> m = C37118Json.common(h, timeBaseFor(flow, h.idcode()));
            m.put("continuation_index", cont);
            m.put("fragment_bytes", frame.length - 18);
            return new Decoding.Decoded(m);
        }
        cfg3Fragments.remove(key);
        byte[] body = parts.toByteArray();
        ConfigFrame c = config(h, new FrameReader(body, 0, body.length), cont);
        remember(key, flow, c);
        return new Decoding.Decoded(C37118Json.config(c));
    }

    private void remember(StreamKey key, Flow flow, ConfigFrame c) {
        if (c.header().type() == FrameType.CFG1 && configs.containsKey(key)
                && configs.get(key).header().type() != FrameType.CFG1) {
            return; // CFG-1 says what a PMU can send; the CFG-2/CFG-3 already seen says what it sends
        }
        configs.put(key, c);
        if (flow != null) {
            bySource.put(new SourceKey(flow.source().address(), key.idcode()), c);
        }
    }

    private int timeBaseFor(Flow flow, int idcode) {
        ConfigFrame c = configFor(flow, idcode);
        if (c == null && flow != null) {
            c = configFor(flow.reversed(), idcode); // a command goes the other way
        }
        return c == null ? 0 : c.timeBase();
    }

    static Header header(byte[] frame) throws FrameReader.Short {
        FrameReader r = new FrameReader(frame, 0, frame.length);
        int sync = r.u16("SYNC");
        int size = r.u16("FRAMESIZE");
        int idcode = r.u16("IDCODE");
        long soc = r.u32("SOC");
        int tq = r.u8("time quality");
        int fracsec = r.u24("FRACSEC");
        FrameType type = FrameType.of(sync >> 4 & 7);
        return new Header(type, sync & 0xf, size, idcode, soc, tq, fracsec);
    }

    /** Null when the frame's SYNC, length and CHK are right; else what is wrong. */
    static String check(byte[] frame, Header h) {
        if ((frame[0] & 0xff) != 0xAA || h.type() == null || (frame[1] & 0x80) != 0) {
            return String.format("not a C37.118 frame: SYNC 0x%02x%02x", frame[0] & 0xff, frame[1] & 0xff);
        }
        if (h.frameSize() != frame.length) {
            return "FRAMESIZE " + h.frameSize() + " but the frame has " + frame.length + " bytes";
        }
        if (frame.length < C37118Cutter.MIN_FRAME) {
            return "frame of " + frame.length + " bytes is shorter than the 16 bytes of a frame's fixed fields";
        }
        int chk = (frame[frame.length - 2] & 0xff) << 8 | (frame[frame.length - 1] & 0xff);
        int crc = Crc16Ccitt.of(frame, 0, frame.length - 2);
        if (chk != crc) {
            return String.format("CRC-CCITT mismatch: CHK 0x%04x, computed 0x%04x", chk, crc);
        }
        return null;
    }

    private static ConfigFrame config(Header h, FrameReader r, int cont) throws FrameReader.Short {
        boolean cfg3 = h.type() == FrameType.CFG3;
        r.u8("TIME_BASE flags");
        int timeBase = r.u24("TIME_BASE");
        int numPmu = r.u16("NUM_PMU");
        if (numPmu == 0) {
            throw new FrameReader.Short("NUM_PMU is 0: a configuration frame describes at least one PMU");
        }
        // smallest PMU block: CFG-1/2 30 bytes, CFG-3 52 bytes; checked before the list is sized
        r.need((long) numPmu * (cfg3 ? 52 : 30), "NUM_PMU " + numPmu + " PMU blocks");
        List<PmuConfig> pmus = new ArrayList<>(numPmu);
        for (int i = 0; i < numPmu; i++) {
            pmus.add(cfg3 ? pmu3(r, i) : pmu12(r, i));
        }
        int dataRate = r.s16("DATA_RATE");
        if (r.remaining() != 0) {
            throw new FrameReader.Short(r.remaining() + " bytes left over after DATA_RATE: NUM_PMU or a channel count"
                    + " does not match the frame's length");
        }
        if (timeBase == 0) {
            throw new FrameReader.Short("TIME_BASE is 0; FRACSEC cannot be converted to a time");
        }
        return new ConfigFrame(h, cont, timeBase, pmus, dataRate);
    }

    private static PmuConfig pmu12(FrameReader r, int index) throws FrameReader.Short {
        String what = "PMU " + index + " ";
        String station = r.name(16, what + "STN");
        int idcode = r.u16(what + "IDCODE");
        int format = r.u16(what + "FORMAT");
        int phnmr = r.u16(what + "PHNMR");
        int annmr = r.u16(what + "ANNMR");
        int dgnmr = r.u16(what + "DGNMR");
        long names = (long) phnmr + annmr + 16L * dgnmr;
        r.need(names * 16 + 4L * (phnmr + annmr + dgnmr) + 4, what + "channel names and units (PHNMR " + phnmr
                + ", ANNMR " + annmr + ", DGNMR " + dgnmr + ")");
        List<String> phasorNames = new ArrayList<>(phnmr);
        for (int i = 0; i < phnmr; i++) {
            phasorNames.add(r.name(16, what + "CHNAM"));
        }
        List<String> analogNames = new ArrayList<>(annmr);
        for (int i = 0; i < annmr; i++) {
            analogNames.add(r.name(16, what + "CHNAM"));
        }
        List<List<String>> digitalNames = new ArrayList<>(dgnmr);
        for (int i = 0; i < dgnmr; i++) {
            List<String> bits = new ArrayList<>(16);
            for (int b = 0; b < 16; b++) {
                bits.add(r.name(16, what + "CHNAM"));
            }
            digitalNames.add(bits);
        }
        List<PhasorChannel> phasors = new ArrayList<>(phnmr);
        for (int i = 0; i < phnmr; i++) {
            int type = r.u8(what + "PHUNIT");
            int factor = r.u24(what + "PHUNIT");
            phasors.add(new PhasorChannel(phasorNames.get(i), type == 1, factor * 1e-5, 0, 0));
        }
        List<AnalogChannel> analogs = new ArrayList<>(annmr);
        for (int i = 0; i < annmr; i++) {
            int type = r.u8(what + "ANUNIT");
            int scale = r.s24(what + "ANUNIT");
            analogs.add(new AnalogChannel(analogNames.get(i), type, scale, 0));
        }
        List<DigitalWord> digitals = new ArrayList<>(dgnmr);
        for (int i = 0; i < dgnmr; i++) {
            digitals.add(new DigitalWord(digitalNames.get(i), r.u16(what + "DIGUNIT"), r.u16(what + "DIGUNIT")));
        }
        int fnom = r.u16(what + "FNOM");
        int cfgcnt = r.u16(what + "CFGCNT");
        return new PmuConfig(station, idcode, "", new DataFormat(format), phasors, analogs, digitals,
                (fnom & 1) != 0 ? 50 : 60, cfgcnt, Double.NaN, Double.NaN, Double.NaN, "", 0, 0);
    }

    private static PmuConfig pmu3(FrameReader r, int index) throws FrameReader.Short {
        String what = "PMU " + index + " ";
        String station = r.lengthPrefixedName(what + "STN");
        int idcode = r.u16(what + "IDCODE");
        r.need(16, what + "G_PMU_ID");
        StringBuilder gid = new StringBuilder(32);
        for (int i = 0; i < 16; i++) {
            gid.append(String.format("%02x", r.u8(what + "G_PMU_ID")));
        }
        int format = r.u16(what + "FORMAT");
        int phnmr = r.u16(what + "PHNMR");
        int annmr = r.u16(what + "ANNMR");
        int dgnmr = r.u16(what + "DGNMR");
        long names = (long) phnmr + annmr + 16L * dgnmr;
        // each name takes at least its length byte; then 12 bytes per phasor, 8 per analog, 4 per digital word
        r.need(names + 12L * phnmr + 8L * annmr + 4L * dgnmr + 25, what + "channel names and scales (PHNMR " + phnmr
                + ", ANNMR " + annmr + ", DGNMR " + dgnmr + ")");
        List<String> phasorNames = new ArrayList<>(phnmr);
        for (int i = 0; i < phnmr; i++) {
            phasorNames.add(r.lengthPrefixedName(what + "CHNAM"));
        }
        List<String> analogNames = new ArrayList<>(annmr);
        for (int i = 0; i < annmr; i++) {
            analogNames.add(r.lengthPrefixedName(what + "CHNAM"));
        }
        List<List<String>> digitalNames = new ArrayList<>(dgnmr);
        for (int i = 0; i < dgnmr; i++) {
            List<String> bits = new ArrayList<>(16);
            for (int b = 0; b < 16; b++) {
                bits.add(r.lengthPrefixedName(what + "CHNAM"));
            }
            digitalNames.add(bits);
        }
        List<PhasorChannel> phasors = new ArrayList<>(phnmr);
        for (int i = 0; i < phnmr; i++) {
            int flags = r.u16(what + "PHSCALE");
            int type = r.u8(what + "PHSCALE");
            r.u8(what + "PHSCALE");
            float scale = r.f32(what + "PHSCALE");
            float angle = r.f32(what + "PHSCALE");
            phasors.add(new PhasorChannel(phasorNames.get(i), (type & 0x08) != 0, scale, angle, flags));
        }
        List<AnalogChannel> analogs = new ArrayList<>(annmr);
        for (int i = 0; i < annmr; i++) {
            float scale = r.f32(what + "ANSCALE");
            float offset = r.f32(what + "ANSCALE");
            analogs.add(new AnalogChannel(analogNames.get(i), -1, scale, offset));
        }
        List<DigitalWord> digitals = new ArrayList<>(dgnmr);
        for (int i = 0; i < dgnmr; i++) {
            digitals.add(new DigitalWord(digitalNames.get(i), r.u16(what + "DIGUNIT"), r.u16(what + "DIGUNIT")));
        }
        double lat = r.f32(what + "PMU_LAT");
        double lon = r.f32(what + "PMU_LON");
        double elev = r.f32(what + "PMU_ELEV");
        int svc = r.u8(what + "SVC_CLASS");
        int window = r.s32(what + "WINDOW");
        int groupDelay = r.s32(what + "GRP_DLY");
        int fnom = r.u16(what + "FNOM");
        int cfgcnt = r.u16(what + "CFGCNT");
        return new PmuConfig(station, idcode, gid.toString(), new DataFormat(format), phasors, analogs, digitals,
                (fnom & 1) != 0 ? 50 : 60, cfgcnt, lat, lon, elev,
                svc >= 0x20 && svc < 0x7f ? String.valueOf((char) svc) : "", window, groupDelay);
    }

    /** The data frame, or a String saying why it does not fit its configuration. */
    private static Object data(byte[] frame, Header h, ConfigFrame config) throws FrameReader.Short {
        long have = frame.length - 16L;
        long need = config.dataBytes();
        if (have != need) {
            return "data frame has " + have + " bytes of PMU data but the " + config.header().type().label()
                    + " for IDCODE " + h.idcode() + " (" + config.pmus().size() + " PMUs) describes " + need
                    + "; the configuration changed without a new configuration frame in the capture?";
        }
        FrameReader r = new FrameReader(frame, 14, frame.length - 2);
        List<PmuData> pmus = new ArrayList<>(config.pmus().size());
        for (PmuConfig pc : config.pmus()) {
            pmus.add(pmuData(r, pc, config.header().type() == FrameType.CFG3));
        }
        Instant time = Instant.ofEpochSecond(h.soc(), Math.round(h.fracsec() * 1e9 / config.timeBase()));
        return new DataFrame(h, time, config, pmus);
    }

    private static PmuData pmuData(FrameReader r, PmuConfig pc, boolean cfg3) throws FrameReader.Short {
        Stat stat = new Stat(r.u16("STAT"));
        DataFormat f = pc.format();
        List<Phasor> phasors = new ArrayList<>(pc.phasors().size());
        for (PhasorChannel ch : pc.phasors()) {
            if (f.phasorsFloat()) {
                double a = r.f32("PHASOR");
                double b = r.f32("PHASOR");
                phasors.add(f.polar() ? Phasor.ofPolar(ch.name(), ch.current(), a, b, a, b)
                        : Phasor.ofRectangular(ch.name(), ch.current(), a, b, a, b));
            } else if (f.polar()) {
                int mag = r.u16("PHASOR");
                int angle = r.s16("PHASOR");
                phasors.add(Phasor.ofPolar(ch.name(), ch.current(), mag * ch.scale(), angle * 1e-4, mag, angle));
            } else {
                int re = r.s16("PHASOR");
                int im = r.s16("PHASOR");
                phasors.add(Phasor.ofRectangular(ch.name(), ch.current(), re * ch.scale(), im * ch.scale(), re, im));
            }
        }
        double freqHz;
        double devMilliHz;
        double rocof;
        double freqRaw;
        double dfreqRaw;
        if (f.freqFloat()) {
            freqRaw = r.f32("FREQ");
            dfreqRaw = r.f32("DFREQ");
            freqHz = freqRaw;
            devMilliHz = (freqHz - pc.nominalHz()) * 1000;
            rocof = dfreqRaw;
        } else {
            freqRaw = r.s16("FREQ");
            dfreqRaw = r.s16("DFREQ");
            devMilliHz = freqRaw;
            freqHz = pc.nominalHz() + devMilliHz / 1000;
            rocof = dfreqRaw / 100.0;
        }
        List<Double> analogs = new ArrayList<>(pc.analogs().size());
        List<Double> analogsRaw = new ArrayList<>(pc.analogs().size());
        for (AnalogChannel ch : pc.analogs()) {
            if (f.analogsFloat()) {
                double v = r.f32("ANALOG");
                analogs.add(v);
                analogsRaw.add(v);
            } else {
                int raw = r.s16("ANALOG");
                analogsRaw.add((double) raw);
                // CFG-3's ANSCALE is a scale and offset; CFG-1/2's ANUNIT scaling is user-defined, so left as sent
                analogs.add(cfg3 ? raw * ch.scale() + ch.offset() : (double) raw);
            }
        }
        List<Integer> digitals = new ArrayList<>(pc.digitals().size());
        for (int i = 0; i < pc.digitals().size(); i++) {
            digitals.add(r.u16("DIGITAL"));
        }
        return new PmuData(pc, stat, phasors, freqHz, devMilliHz, rocof, analogs, digitals, freqRaw, dfreqRaw, analogsRaw);
    }

    private static Map<String, Object> command(byte[] frame, Header h, int timeBase) throws FrameReader.Short {
        FrameReader r = new FrameReader(frame, 14, frame.length - 2);
        int cmd = r.u16("CMD");
        Map<String, Object> m = C37118Json.common(h, timeBase);
        m.put("command_code", cmd);
        m.put("command", commandName(cmd));
        int ext = r.remaining();
        m.put("extframe", io.gridai.protocols.decode.Hex.of(frame, r.position(), r.position() + ext));
        return m;
    }

    /** CMD names as Zeek's synchrophasor_cmd.log prints them. */
    static String commandName(int cmd) {
        return switch (cmd) {
            case 1 -> "Data off";
            case 2 -> "Data on";
            case 3 -> "Send HDR";
            case 4 -> "Send CFG-1";
            case 5 -> "Send CFG-2";
            case 6 -> "Send CFG-3";
            case 8 -> "Extended frame";
            default -> cmd >= 0x100 && cmd <= 0xfff ? "User designated" : "Reserved";
        };
    }
}
