package io.gridai.protocols.pcap;

import java.time.Instant;

/**
 * One packet record of a capture: its 0-based index in the file, capture time, link type (as in the pcap header,
 * e.g. 1 = Ethernet) and the captured bytes (possibly fewer than were on the wire).
 */
public record CapturedPacket(int index, Instant time, int linkType, byte[] data) {
}
