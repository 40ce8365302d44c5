package io.gridai.protocols.decode;

import java.util.Map;
import java.util.TreeMap;

import io.gridai.protocols.pcap.Segment;

/**
 * Puts one TCP direction's payload back in order by sequence number. Retransmitted and overlapping bytes are
 * delivered once; segments that arrive early wait (up to {@value #MAX_PENDING_BYTES} bytes in
 * {@value #MAX_PENDING_SEGMENTS} segments) for the missing ones;
 * when too much waits, or at {@link #finish()}, the hole is reported and skipped.
 */
final class TcpReassembler {

    /** Bytes held out of order before a hole is given up on. */
    static final int MAX_PENDING_BYTES = 1 << 20;
    /** Segments held out of order before a hole is given up on. */
    static final int MAX_PENDING_SEGMENTS = 4096;

    interface Receiver {
        /** In-order payload bytes that arrived with packet {@code packetIndex}. */
        void bytes(byte[] data, int packetIndex);

        /** {@code missing} bytes never arrived before the bytes of packet {@code packetIndex}. */
        void gap(long missing, int packetIndex);

        /** A new connection (a SYN with another sequence number) reuses this flow: what came before is complete. */
        void restart();
    }

    private final Receiver receiver;
    private Long next;
    /** The first sequence number after the SYN seen, if one was. */
    private Long start;
    private final TreeMap<Long, Segment> pending = new TreeMap<>();
    private long pendingBytes;

    TcpReassembler(Receiver receiver) {
        this.receiver = receiver;
    }

    void accept(Segment segment) {
        long seq = segment.sequence();
        if (segment.syn()) {
            seq = (seq + 1) & 0xffffffffL;
            if (start != null && start != seq) {
                finish();
                receiver.restart();
                next = null;
            }
            start = seq;
            if (next == null) {
                next = seq;
            }
        }
        if (segment.payload().length == 0) {
            return;
        }
        if (next == null) {
            next = seq;
        }
        int ahead = (int) (seq - next);
        if (ahead > 0 || ahead == Integer.MIN_VALUE) { // half the sequence space away counts as ahead
            Segment held = pending.get(seq);
            if (held == null || held.payload().length < segment.payload().length) {
                pendingBytes += segment.payload().length - (held == null ? 0 : held.payload().length);
                pending.put(seq, new Segment(segment.packetIndex(), segment.time(), segment.flow(), seq, false, false,
                        false, segment.payload()));
            }
            if (pendingBytes > MAX_PENDING_BYTES || pending.size() > MAX_PENDING_SEGMENTS) {
                skipHole();
            }
            return;
        }
        deliver(seq, segment.payload(), segment.packetIndex());
        drain();
    }

    /** Delivers what still waits, reporting the holes before it. */
    void finish() {
        while (!pending.isEmpty()) {
            skipHole();
        }
    }

    private void skipHole() {
        Map.Entry<Long, Segment> first = pending.firstEntry();
        long missing = (first.getKey() - next) & 0xffffffffL;
        receiver.gap(missing, first.getValue().packetIndex());
        next = first.getKey();
        drain();
    }

    private void deliver(long seq, byte[] payload, int packetIndex) {
        int behind = (int) (next - seq);
        if (behind < 0 || behind >= payload.length) {
            return; // a retransmission of bytes already delivered (or far out of the window)
        }
        byte[] fresh = behind == 0 ? payload : java.util.Arrays.copyOfRange(payload, behind, payload.length);
        next = (next + fresh.length) & 0xffffffffL;
        receiver.bytes(fresh, packetIndex);
    }

    private void drain() {
        while (!pending.isEmpty()) {
            Map.Entry<Long, Segment> first = pending.firstEntry();
            if ((int) (first.getKey() - next) > 0) {
                return;
            }
            pending.pollFirstEntry();
            pendingBytes -= first.getValue().payload().length;
            deliver(first.getKey(), first.getValue().payload(), first.getValue().packetIndex());
        }
    }
}
