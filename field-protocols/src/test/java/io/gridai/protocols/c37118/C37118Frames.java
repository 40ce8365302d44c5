package io.gridai.protocols.c37118;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds C37.118 frames byte by byte for tests (sizes and CHK filled in), so malformed ones can be made on purpose. */
final class C37118Frames {

    private C37118Frames() {
    }

    /** A whole frame: SYNC (version 1), FRAMESIZE, IDCODE, SOC, FRACSEC (time quality 0), body, CHK. */
    static byte[] frame(FrameType type, int idcode, long soc, int fracsec, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(16 + body.length);
        b.put((byte) 0xAA).put((byte) (type.code() << 4 | 1)).putShort((short) (16 + body.length))
                .putShort((short) idcode).putInt((int) soc).putInt(fracsec & 0xffffff).put(body);
        return withCrc(b.array());
    }

    /** {@code frame} with its last two bytes set to the CRC of the rest. */
    static byte[] withCrc(byte[] frame) {
        int crc = Crc16Ccitt.of(frame, 0, frame.length - 2);
        frame[frame.length - 2] = (byte) (crc >> 8);
        frame[frame.length - 1] = (byte) crc;
        return frame;
    }

    /** One PMU of a CFG-2: names, PHUNIT words (type byte &lt;&lt; 24 | factor), ANUNIT words, digital words. */
    record Pmu(String station, int idcode, int format, String[] phasors, int[] phunits, String[] analogs, int[] anunits,
            int digitalWords, boolean fifty, int cfgcnt) {
    }

    static byte[] cfg2(int idcode, long soc, int timeBase, int dataRate, Pmu... pmus) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, ByteBuffer.allocate(6).putInt(timeBase).putShort((short) pmus.length).array());
        for (Pmu p : pmus) {
            write(body, name(p.station()));
            write(body, ByteBuffer.allocate(10).putShort((short) p.idcode()).putShort((short) p.format())
                    .putShort((short) p.phasors().length).putShort((short) p.analogs().length)
                    .putShort((short) p.digitalWords()).array());
            for (String n : p.phasors()) {
                write(body, name(n));
            }
            for (String n : p.analogs()) {
                write(body, name(n));
            }
            for (int i = 0; i < p.digitalWords() * 16; i++) {
                write(body, name("D" + i));
            }
            for (int u : p.phunits()) {
                write(body, ByteBuffer.allocate(4).putInt(u).array());
            }
            for (int u : p.anunits()) {
                write(body, ByteBuffer.allocate(4).putInt(u).array());
            }
            for (int i = 0; i < p.digitalWords(); i++) {
                write(body, ByteBuffer.allocate(4).putInt(0x0000ffff).array());
            }
            write(body, ByteBuffer.allocate(4).putShort((short) (p.fifty() ? 1 : 0)).putShort((short) p.cfgcnt()).array());
        }
        write(body, ByteBuffer.allocate(2).putShort((short) dataRate).array());
        return frame(FrameType.CFG2, idcode, soc, 0, body.toByteArray());
    }

    static byte[] data(int idcode, long soc, int fracsec, byte[]... pmuBlocks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] b : pmuBlocks) {
            write(body, b);
        }
        return frame(FrameType.DATA, idcode, soc, fracsec, body.toByteArray());
    }

    static byte[] command(int idcode, int cmd) {
        return frame(FrameType.COMMAND, idcode, 0, 0, ByteBuffer.allocate(2).putShort((short) cmd).array());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            write(out, p);
        }
        return out.toByteArray();
    }

    private static byte[] name(String s) {
        byte[] n = Arrays.copyOf(s.getBytes(StandardCharsets.US_ASCII), 16);
        for (int i = s.length(); i < 16; i++) {
            n[i] = ' ';
        }
        return n;
    }

    private static void write(ByteArrayOutputStream out, byte[] b) {
        out.write(b, 0, b.length);
    }
}
