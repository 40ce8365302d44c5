package io.gridai.protocols.c37118;

import java.nio.charset.StandardCharsets;

/** Big-endian reads from a frame with bounds checks: reading past the end throws {@link Short}. */
final class FrameReader {

    /** A read past the frame's end: the frame is shorter than its fields say. */
    static final class Short extends Exception {
        Short(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] b;
    private final int end;
    private int pos;

    FrameReader(byte[] b, int from, int end) {
        this.b = b;
        this.pos = from;
        this.end = end;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    void need(long n, String what) throws Short {
        if (n > end - pos) {
            throw new Short(what + " needs " + n + " bytes at offset " + pos + " but only " + (end - pos) + " remain");
        }
    }

    int u8(String what) throws Short {
        need(1, what);
        return b[pos++] & 0xff;
    }

    int u16(String what) throws Short {
        need(2, what);
        int v = (b[pos] & 0xff) << 8 | (b[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    int s16(String what) throws Short {
        return (short) u16(what);
    }

    int u24(String what) throws Short {
        need(3, what);
        int v = (b[pos] & 0xff) << 16 | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff);
        pos += 3;
        return v;
    }

    int s24(String what) throws Short {
        int v = u24(what);
        return (v << 8) >> 8;
    }

    int s32(String what) throws Short {
        need(4, what);
        int v = (b[pos] & 0xff) << 24 | (b[pos + 1] & 0xff) << 16 | (b[pos + 2] & 0xff) << 8 | (b[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    long u32(String what) throws Short {
        return Integer.toUnsignedLong(s32(what));
    }

    float f32(String what) throws Short {
        return Float.intBitsToFloat(s32(what));
    }

    /** A fixed-width ASCII name, trailing spaces and NULs removed. */
    String name(int width, String what) throws Short {
        need(width, what);
        int stop = pos + width;
        int last = stop;
        while (last > pos && (b[last - 1] == ' ' || b[last - 1] == 0)) {
            last--;
        }
        String s = new String(b, pos, last - pos, StandardCharsets.ISO_8859_1);
        pos = stop;
        return s;
    }

    /** A CFG-3 name: one length byte then that many UTF-8 bytes. */
    String lengthPrefixedName(String what) throws Short {
        int n = u8(what + " length");
        need(n, what);
        String s = new String(b, pos, n, StandardCharsets.UTF_8).strip();
        pos += n;
        return s;
    }

    String text(int length) throws Short {
        need(length, "text");
        String s = new String(b, pos, length, StandardCharsets.ISO_8859_1);
        pos += length;
        return s;
    }

    void skip(int n, String what) throws Short {
        need(n, what);
        pos += n;
    }
}
