package io.gridai.protocols.pcap;

import java.time.Instant;

/**
 * A TCP segment or UDP datagram taken out of a captured packet: the packet's index and time, its flow, and for TCP
 * the sequence number and the SYN/FIN/RST flags. {@code payload} may be empty (a pure ACK).
 */
public record Segment(int packetIndex, Instant time, Flow flow, long sequence, boolean syn, boolean fin, boolean rst,
        byte[] payload) {
}
