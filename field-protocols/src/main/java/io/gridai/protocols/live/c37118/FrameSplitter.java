package io.gridai.protocols.live.c37118;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

import io.gridai.protocols.c37118.C37118Decoder;
import io.gridai.protocols.decode.Cut;
import io.gridai.protocols.decode.FrameCutter;

/**
 * Cuts a live C37.118 byte stream (a TCP connection, or one UDP datagram at a time) into whole frames with the
 * decoder's own cutter (SYNC, FRAMESIZE and CHK checked). Bytes that start no frame are gathered into one junk run,
 * reported once with the first reason, when the next frame starts or the datagram ends. Holds at most one incomplete
 * frame (64 KiB).
 */
public final class FrameSplitter {

    /** Where frames and junk go. */
    public interface Listener {
        void frame(byte[] frame);

        /** {@code length} bytes that start no frame; {@code badCrc} when the first was a frame failing its CHK. */
        void junk(int length, String reason, boolean badCrc);
    }

    private static final FrameCutter CUTTER = new C37118Decoder().cutter();

    private final Listener listener;
    /** For a data frame's IDCODE, the FRAMESIZE its configuration gives (or -1 if unknown). */
    private final IntUnaryOperator expectedDataSize;
    private byte[] buffer = new byte[8192];
    private int start;
    private int end;
    private int junkLength;
    private String junkReason;
    private boolean junkBadCrc;

    /**
     * @param expectedDataSize for an IDCODE, the FRAMESIZE of its data frames, or -1 when not known: a data frame
     *                         SYNC with another FRAMESIZE is not taken as a frame, so a stray 0xAA in junk cannot hold
     *                         the stream up while a made-up FRAMESIZE's bytes arrive
     */
    public FrameSplitter(Listener listener, IntUnaryOperator expectedDataSize) {
        this.listener = listener;
        this.expectedDataSize = expectedDataSize;
    }

    /** Adds {@code data[0..length)} and hands on every whole frame. */
    public void append(byte[] data, int length) {
        if (end + length > buffer.length) {
            int live = end - start;
            byte[] next = live + length > buffer.length ? new byte[Math.max(buffer.length * 2, live + length)] : buffer;
            System.arraycopy(buffer, start, next, 0, live);
            buffer = next;
            start = 0;
            end = live;
        }
        System.arraycopy(data, 0, buffer, end, length);
        end += length;
        cut(false);
    }

    /** Cuts a whole datagram: what starts no frame, or is cut short, is junk. */
    public void datagram(byte[] data, int length) {
        reset();
        append(data, length);
        cut(true);
        flushJunk();
        reset();
    }

    /** Forgets what is buffered (a new connection), reporting any junk run. */
    public void reset() {
        flushJunk();
        start = 0;
        end = 0;
        if (buffer.length > 65536) {
            buffer = new byte[8192];
        }
    }

    private void cut(boolean endOfData) {
        while (start < end) {
            Cut cut = implausibleDataFrame();
            if (cut == null) {
                cut = CUTTER.cut(buffer, start, end, endOfData);
            }
            if (cut instanceof Cut.NeedMore) {
                return;
            }
            if (cut instanceof Cut.Frame f) {
                flushJunk();
                byte[] frame = Arrays.copyOfRange(buffer, start, start + f.length());
                start += f.length();
                listener.frame(frame);
            } else if (cut instanceof Cut.Skip s) {
                int n = Math.min(Math.max(1, s.bytes()), end - start);
                if (junkLength == 0) {
                    junkReason = s.reason().get();
                    junkBadCrc = junkReason.contains("CRC");
                }
                junkLength += n;
                start += n;
            }
        }
        start = 0;
        end = 0;
    }

    private Cut implausibleDataFrame() {
        if (end - start < 6 || (buffer[start] & 0xff) != 0xAA || (buffer[start + 1] & 0xf0) != 0) {
            return null;
        }
        int size = (buffer[start + 2] & 0xff) << 8 | (buffer[start + 3] & 0xff);
        int idcode = (buffer[start + 4] & 0xff) << 8 | (buffer[start + 5] & 0xff);
        int expected = expectedDataSize.applyAsInt(idcode);
        if (expected < 0 || expected == size) {
            return null;
        }
        return new Cut.Skip(1, () -> "data frame SYNC for IDCODE " + idcode + " with FRAMESIZE " + size
                + ", but its configuration gives " + expected + " bytes");
    }

    private void flushJunk() {
        if (junkLength > 0) {
            int n = junkLength;
            junkLength = 0;
            listener.junk(n, junkReason, junkBadCrc);
        }
    }
}
