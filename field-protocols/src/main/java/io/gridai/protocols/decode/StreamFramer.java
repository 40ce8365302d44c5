package io.gridai.protocols.decode;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Cuts one byte stream into frames with a {@link FrameCutter}. Bytes that start no frame are gathered into one
 * junk region (reported once, with the first reason) until the next frame. The buffer holds at most one
 * incomplete frame plus the last chunk appended, so its size is bounded by the protocol's largest frame.
 */
final class StreamFramer {

    interface Emitter {
        void frame(byte[] frame, long offset, int packetIndex);

        void junk(long offset, int length, int packetIndex, String reason, String hex);
    }

    private final FrameCutter cutter;
    private final Emitter emitter;
    private byte[] buffer = new byte[4096];
    private int start;
    private int end;
    /** Stream offset of buffer[start]. */
    private long offset;
    /** (stream offset, packet index) where each appended chunk began. */
    private final ArrayDeque<long[]> marks = new ArrayDeque<>();

    private long junkOffset = -1;
    private int junkLength;
    private int junkPacket;
    private String junkReason;
    /** The junk region's first bytes, for its error's hex. */
    private final java.io.ByteArrayOutputStream junkBytes = new java.io.ByteArrayOutputStream(Hex.MAX_BYTES + 1);

    StreamFramer(FrameCutter cutter, Emitter emitter) {
        this.cutter = cutter;
        this.emitter = emitter;
    }

    /** Adds bytes that arrived with packet {@code packetIndex} and cuts every whole frame. */
    void append(byte[] data, int packetIndex) {
        if (data.length == 0) {
            return;
        }
        if (end + data.length > buffer.length) {
            int live = end - start;
            if (live + data.length > buffer.length) {
                buffer = Arrays.copyOf(Arrays.copyOfRange(buffer, start, end), Math.max(buffer.length * 2, live + data.length));
            } else {
                System.arraycopy(buffer, start, buffer, 0, live);
            }
            end = live;
            start = 0;
        }
        System.arraycopy(data, 0, buffer, end, data.length);
        marks.addLast(new long[] {offset + (end - start), packetIndex});
        end += data.length;
        cut(false);
    }

    /** No more bytes follow: cuts what is left and reports the rest as junk. */
    void finish() {
        cut(true);
        flushJunk();
    }

    /** {@code missing} bytes of the stream were lost: what waits is cut as if the stream ended there. */
    void gap(long missing) {
        finish();
        offset += missing;
        marks.clear();
    }

    private void cut(boolean endOfData) {
        while (start < end) {
            Cut cut = cutter.cut(buffer, start, end, endOfData);
            if (cut instanceof Cut.NeedMore) {
                if (endOfData) {
                    throw new IllegalStateException("a frame cutter asked for more bytes at the end of the data");
                }
                break;
            }
            if (cut instanceof Cut.Frame f) {
                if (f.length() <= 0 || f.length() > end - start) {
                    throw new IllegalStateException("a frame cutter returned a frame of " + f.length() + " bytes with "
                            + (end - start) + " in hand");
                }
                flushJunk();
                emitter.frame(Arrays.copyOfRange(buffer, start, start + f.length()), offset, packetAt(offset));
                advance(f.length());
            } else if (cut instanceof Cut.Skip s) {
                int n = Math.min(Math.max(1, s.bytes()), end - start);
                if (junkOffset < 0) {
                    junkOffset = offset;
                    junkPacket = packetAt(offset);
                    junkReason = s.reason().get();
                    junkBytes.reset();
                }
                int keep = Math.min(n, Hex.MAX_BYTES + 1 - junkBytes.size());
                if (keep > 0) {
                    junkBytes.write(buffer, start, keep);
                }
                junkLength += n;
                advance(n);
            }
        }
    }

    private void flushJunk() {
        if (junkOffset >= 0) {
            String reason = junkLength == 1 ? junkReason : junkLength + " bytes skipped: " + junkReason;
            byte[] first = junkBytes.toByteArray();
            String hex = Hex.of(first, 0, Math.min(first.length, Hex.MAX_BYTES)) + (junkLength > Hex.MAX_BYTES ? "…" : "");
            emitter.junk(junkOffset, junkLength, junkPacket, reason, hex);
            junkOffset = -1;
            junkLength = 0;
        }
    }

    private void advance(int n) {
        start += n;
        offset += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
        while (marks.size() > 1) {
            java.util.Iterator<long[]> it = marks.iterator();
            it.next();
            if (it.next()[0] > offset) {
                break;
            }
            marks.pollFirst();
        }
    }

    private int packetAt(long streamOffset) {
        int packet = marks.isEmpty() ? -1 : (int) marks.peekFirst()[1];
        for (long[] m : marks) {
            if (m[0] <= streamOffset) {
                packet = (int) m[1];
            } else {
                break;
            }
        }
        return packet;
    }
}
