package io.gridai.protocols.c37118;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes C37.118.2 frames, the inverse of {@link C37118Decoder}: configuration frames (CFG-1, CFG-2, unfragmented
 * CFG-3), data frames, header frames (command frames: {@link CommandFrame}). FRAMESIZE and CHK (CRC-CCITT) are filled
 * in. Integer values are rounded to the nearest step of their configuration's scale and clamped to 16 bits.
 */
public final class FrameEncoder {

    /** SYNC version of C37.118.2-2011 frames. */
    public static final int VERSION_2011 = 2;

    private FrameEncoder() {
    }

    /** A whole frame: SYNC, FRAMESIZE, IDCODE, SOC, FRACSEC (time quality byte, 24-bit fraction), body, CHK. */
    public static byte[] frame(FrameType type, int version, int idcode, long soc, int timeQuality, int fracsec,
            byte[] body) {
        int size = 16 + body.length;
        if (size > 0xffff) {
            throw new IllegalArgumentException("a " + type.label() + " frame of " + size + " bytes does not fit FRAMESIZE"
                    + " (65535 at most); describe fewer PMUs or channels");
        }
        Out o = new Out();
        o.u8(0xAA);
        o.u8(type.code() << 4 | (version & 0xf));
        o.u16(size);
        o.u16(idcode);
        o.u32(soc);
        o.u8(timeQuality);
        o.u24(fracsec);
        o.bytes(body);
        o.u16(0);
        byte[] frame = o.toByteArray();
        int crc = Crc16Ccitt.of(frame, 0, frame.length - 2);
        frame[frame.length - 2] = (byte) (crc >> 8);
        frame[frame.length - 1] = (byte) crc;
        return frame;
    }

    /** A header frame carrying {@code text} (ASCII). */
    public static byte[] header(int idcode, long soc, int fracsec, String text) {
        return frame(FrameType.HEADER, VERSION_2011, idcode, soc, 0, fracsec, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A configuration frame of {@code config}'s type (CFG-1, CFG-2 or CFG-3, the last unfragmented). */
    public static byte[] config(ConfigFrame config) {
        Header h = config.header();
        boolean cfg3 = h.type() == FrameType.CFG3;
        if (!h.type().isConfig()) {
            throw new IllegalArgumentException("header type " + h.type().label() + " is not a configuration frame type");
        }
        Out o = new Out();
        if (cfg3) {
            o.u16(0); // CONT_IDX: not fragmented
        }
        o.u8(0);
        o.u24(config.timeBase());
        o.u16(config.pmus().size());
        for (PmuConfig p : config.pmus()) {
            if (cfg3) {
                pmu3(o, p);
            } else {
                pmu12(o, p);
            }
        }
        o.u16(config.dataRate());
        return frame(h.type(), h.version(), h.idcode(), h.soc(), h.timeQuality(), h.fracsec(), o.toByteArray());
    }

    private static void pmu12(Out o, PmuConfig p) {
        o.name16(p.station());
        o.u16(p.idcode());
        o.u16(p.format().word());
        o.u16(p.phasors().size());
        o.u16(p.analogs().size());
        o.u16(p.digitals().size());
        p.phasors().forEach(c -> o.name16(c.name()));
        p.analogs().forEach(c -> o.name16(c.name()));
        p.digitals().forEach(d -> names(d).forEach(o::name16));
        for (PhasorChannel c : p.phasors()) {
            o.u8(c.current() ? 1 : 0);
            o.u24((int) Math.round(c.scale() * 1e5));
        }
        for (AnalogChannel c : p.analogs()) {
            o.u8(Math.max(0, c.type()));
            o.u24((int) Math.round(c.scale()));
        }
        for (DigitalWord d : p.digitals()) {
            o.u16(d.normalStatusMask());
            o.u16(d.validInputsMask());
        }
        o.u16(p.nominalHz() == 50 ? 1 : 0);
        o.u16(p.cfgcnt());
    }

    private static void pmu3(Out o, PmuConfig p) {
        o.lpName(p.station());
        o.u16(p.idcode());
        String gid = p.globalPmuId() == null ? "" : p.globalPmuId();
        for (int i = 0; i < 16; i++) {
            o.u8(gid.length() >= 2 * i + 2 ? Integer.parseInt(gid.substring(2 * i, 2 * i + 2), 16) : 0);
        }
        o.u16(p.format().word());
        o.u16(p.phasors().size());
        o.u16(p.analogs().size());
        o.u16(p.digitals().size());
        p.phasors().forEach(c -> o.lpName(c.name()));
        p.analogs().forEach(c -> o.lpName(c.name()));
        p.digitals().forEach(d -> names(d).forEach(o::lpName));
        for (PhasorChannel c : p.phasors()) {
            o.u16(c.flags());
            o.u8(c.current() ? 0x08 : 0);
            o.u8(0);
            o.f32(c.scale());
            o.f32(c.angleAdjustment());
        }
        for (AnalogChannel c : p.analogs()) {
            o.f32(c.scale());
            o.f32(c.offset());
        }
        for (DigitalWord d : p.digitals()) {
            o.u16(d.normalStatusMask());
            o.u16(d.validInputsMask());
        }
        o.f32(p.latitude());
        o.f32(p.longitude());
        o.f32(p.elevation());
        o.u8(p.serviceClass() == null || p.serviceClass().isEmpty() ? 0 : p.serviceClass().charAt(0));
        o.u32(p.window());
        o.u32(p.groupDelay());
        o.u16(p.nominalHz() == 50 ? 1 : 0);
        o.u16(p.cfgcnt());
    }

    private static List<String> names(DigitalWord d) {
        if (d.names().size() != 16) {
            throw new IllegalArgumentException("a digital word has 16 channel names, not " + d.names().size());
        }
        return d.names();
    }

    /**
     * A data frame: the header's IDCODE, SOC, time quality and FRACSEC, and each PMU block as its configuration in
     * {@code frame.config()} says (float or integer, polar or rectangular); {@code frame.time()} is not used.
     */
    public static byte[] data(DataFrame frame) {
        ConfigFrame config = frame.config();
        if (frame.pmus().size() != config.pmus().size()) {
            throw new IllegalArgumentException(frame.pmus().size() + " PMU blocks but the configuration describes "
                    + config.pmus().size());
        }
        boolean cfg3 = config.header().type() == FrameType.CFG3;
        Out o = new Out();
        for (int i = 0; i < config.pmus().size(); i++) {
            pmuData(o, config.pmus().get(i), frame.pmus().get(i), cfg3);
        }
        Header h = frame.header();
        return frame(FrameType.DATA, h.version(), h.idcode(), h.soc(), h.timeQuality(), h.fracsec(), o.toByteArray());
    }

    private static void pmuData(Out o, PmuConfig pc, PmuData d, boolean cfg3) {
        if (d.phasors().size() != pc.phasors().size() || d.analogs().size() != pc.analogs().size()
                || d.digitals().size() != pc.digitals().size()) {
            throw new IllegalArgumentException("PMU " + pc.idcode() + " block has " + d.phasors().size() + " phasors, "
                    + d.analogs().size() + " analogs, " + d.digitals().size() + " digital words but its configuration "
                    + pc.phasors().size() + ", " + pc.analogs().size() + ", " + pc.digitals().size());
        }
        DataFormat f = pc.format();
        o.u16(d.stat().word());
        for (int i = 0; i < pc.phasors().size(); i++) {
            Phasor p = d.phasors().get(i);
            double scale = pc.phasors().get(i).scale();
            if (f.phasorsFloat()) {
                o.f32(f.polar() ? p.magnitude() : p.real());
                o.f32(f.polar() ? p.angle() : p.imaginary());
            } else if (f.polar()) {
                o.u16(clamp(Math.round(p.magnitude() / scale), 0, 0xffff));
                o.u16(clamp(Math.round(p.angle() * 1e4), Short.MIN_VALUE, Short.MAX_VALUE));
            } else {
                o.u16(clamp(Math.round(p.real() / scale), Short.MIN_VALUE, Short.MAX_VALUE));
                o.u16(clamp(Math.round(p.imaginary() / scale), Short.MIN_VALUE, Short.MAX_VALUE));
            }
        }
        if (f.freqFloat()) {
            o.f32(d.frequencyHz());
            o.f32(d.rocof());
        } else {
            o.u16(clamp(Math.round((d.frequencyHz() - pc.nominalHz()) * 1000), Short.MIN_VALUE, Short.MAX_VALUE));
            o.u16(clamp(Math.round(d.rocof() * 100), Short.MIN_VALUE, Short.MAX_VALUE));
        }
        for (int i = 0; i < pc.analogs().size(); i++) {
            double v = d.analogs().get(i);
            if (f.analogsFloat()) {
                o.f32(v);
            } else {
                AnalogChannel ch = pc.analogs().get(i);
                double raw = cfg3 && ch.scale() != 0 ? (v - ch.offset()) / ch.scale() : v;
                o.u16(clamp(Math.round(raw), Short.MIN_VALUE, Short.MAX_VALUE));
            }
        }
        d.digitals().forEach(o::u16);
    }

    private static int clamp(long v, int min, int max) {
        return (int) Math.max(min, Math.min(max, v));
    }

    /** Big-endian writes into a growing buffer. */
    private static final class Out {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream(256);

        void u8(int v) {
            b.write(v);
        }

        void u16(int v) {
            b.write(v >> 8);
            b.write(v);
        }

        void u24(int v) {
            b.write(v >> 16);
            b.write(v >> 8);
            b.write(v);
        }

        void u32(long v) {
            u16((int) (v >> 16));
            u16((int) v);
        }

        void f32(double v) {
            u32(Float.floatToIntBits((float) v));
        }

        void bytes(byte[] v) {
            b.writeBytes(v);
        }

        /** A 16-byte name, space padded (longer names are cut). */
        void name16(String s) {
            byte[] n = s.getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < 16; i++) {
                b.write(i < n.length ? n[i] : ' ');
            }
        }

        /** A CFG-3 name: a length byte and the UTF-8 bytes (at most 255). */
        void lpName(String s) {
            byte[] n = s.getBytes(StandardCharsets.UTF_8);
            int len = Math.min(255, n.length);
            b.write(len);
            b.write(n, 0, len);
        }

        byte[] toByteArray() {
            return b.toByteArray();
        }
    }
}
