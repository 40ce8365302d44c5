package io.gridai.protocols.decode;

/** Hex printing of a frame's first bytes for error reports. */
public final class Hex {

    /** Most bytes printed in an error's {@code hex} field. */
    public static final int MAX_BYTES = 64;

    private Hex() {
    }

    /** The first {@value #MAX_BYTES} bytes of {@code data[from..to)} as lower-case hex, "…" appended when cut. */
    public static String of(byte[] data, int from, int to) {
        int end = Math.min(to, from + MAX_BYTES);
        StringBuilder s = new StringBuilder((end - from) * 2 + 1);
        for (int i = from; i < end; i++) {
            s.append(Character.forDigit(data[i] >> 4 & 0xf, 16)).append(Character.forDigit(data[i] & 0xf, 16));
        }
        if (end < to) {
            s.append('…');
        }
        return s.toString();
    }
}
