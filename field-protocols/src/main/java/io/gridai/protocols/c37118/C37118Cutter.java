package io.gridai.protocols.c37118;

import io.gridai.protocols.decode.Cut;
import io.gridai.protocols.decode.FrameCutter;

/**
 * Finds C37.118 frames by their SYNC word (0xAA, then a frame type 0–5 and version 1–15) and FRAMESIZE; a candidate
 * whose CHK does not match is not a frame (its 0xAA byte is skipped and the search goes on from the next byte, so a
 * lying FRAMESIZE cannot swallow the frames after it).
 */
final class C37118Cutter implements FrameCutter {

    /** SYNC, FRAMESIZE, IDCODE, SOC, FRACSEC, CHK. */
    static final int MIN_FRAME = 16;

    @Override
    public Cut cut(byte[] b, int from, int to, boolean endOfData) {
        if ((b[from] & 0xff) != 0xAA) {
            int next = from + 1;
            while (next < to && (b[next] & 0xff) != 0xAA) {
                next++;
            }
            return new Cut.Skip(next - from, () -> "no C37.118 sync word (0xAA) here");
        }
        if (to - from < 4) {
            return endOfData ? new Cut.Skip(to - from, () -> "frame cut short: only " + (to - from) + " bytes after its sync word")
                    : Cut.NEED_MORE;
        }
        int type = (b[from + 1] >> 4) & 0x7;
        int version = b[from + 1] & 0xf;
        if ((b[from + 1] & 0x80) != 0 || FrameType.of(type) == null || version == 0) {
            return new Cut.Skip(1, () -> String.format("0xAA followed by 0x%02x is not a C37.118 SYNC word (frame type %d,"
                    + " version %d)", b[from + 1] & 0xff, type, version));
        }
        int size = (b[from + 2] & 0xff) << 8 | (b[from + 3] & 0xff);
        if (size < MIN_FRAME) {
            return new Cut.Skip(1, () -> "FRAMESIZE " + size + " is less than the " + MIN_FRAME + " bytes of a frame's fixed fields");
        }
        if (to - from < size) {
            return endOfData ? new Cut.Skip(1, () -> FrameType.of(type).label() + " frame cut short: FRAMESIZE " + size
                    + " but only " + (to - from) + " bytes follow") : Cut.NEED_MORE;
        }
        int expected = (b[from + size - 2] & 0xff) << 8 | (b[from + size - 1] & 0xff);
        int computed = Crc16Ccitt.of(b, from, from + size - 2);
        if (expected != computed) {
            return new Cut.Skip(1, () -> String.format("%s frame (FRAMESIZE %d) fails its CRC-CCITT check: CHK 0x%04x, computed"
                    + " 0x%04x", FrameType.of(type).label(), size, expected, computed));
        }
        return new Cut.Frame(size);
    }
}
