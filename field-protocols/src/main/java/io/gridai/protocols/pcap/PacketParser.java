package io.gridai.protocols.pcap;

import java.util.Optional;

/**
 * Takes the TCP or UDP payload out of a captured packet: link layers Ethernet (with 802.1Q/802.1ad tags), Linux
 * cooked (SLL and SLL2), BSD loopback and raw IP; IPv4 (not fragments after the first) and IPv6 (hop-by-hop,
 * routing and destination option headers skipped). Anything else, and any packet whose headers are cut short, is
 * empty: those packets carry nothing to decode.
 */
public final class PacketParser {

    private static final int LINK_NULL = 0;
    private static final int LINK_ETHERNET = 1;
    private static final int LINK_RAW = 101;
    private static final int LINK_LOOP = 108;
    private static final int LINK_SLL = 113;
    private static final int LINK_IPV4 = 228;
    private static final int LINK_IPV6 = 229;
    private static final int LINK_SLL2 = 276;

    private PacketParser() {
    }

    /** The segment the packet carries, or empty when it is not (a whole enough) TCP or UDP packet over IP. */
    public static Optional<Segment> parse(CapturedPacket packet) {
        byte[] d = packet.data();
        int offset;
        int etherType;
        switch (packet.linkType()) {
            case LINK_ETHERNET -> {
                if (d.length < 14) {
                    return Optional.empty();
                }
                offset = 12;
                etherType = u16(d, offset);
                offset += 2;
                while ((etherType == 0x8100 || etherType == 0x88a8) && offset + 4 <= d.length) {
                    etherType = u16(d, offset + 2);
                    offset += 4;
                }
            }
            case LINK_SLL -> {
                if (d.length < 16) {
                    return Optional.empty();
                }
                etherType = u16(d, 14);
                offset = 16;
            }
            case LINK_SLL2 -> {
                if (d.length < 20) {
                    return Optional.empty();
                }
                etherType = u16(d, 0);
                offset = 20;
            }
            case LINK_NULL, LINK_LOOP -> {
                if (d.length < 5) {
                    return Optional.empty();
                }
                offset = 4;
                etherType = (d[4] >> 4 & 0xf) == 6 ? 0x86dd : 0x0800;
            }
            case LINK_RAW, LINK_IPV4, LINK_IPV6 -> {
                if (d.length < 1) {
                    return Optional.empty();
                }
                offset = 0;
                etherType = (d[0] >> 4 & 0xf) == 6 ? 0x86dd : 0x0800;
            }
            default -> {
                return Optional.empty();
            }
        }
        return switch (etherType) {
            case 0x0800 -> ipv4(packet, d, offset);
            case 0x86dd -> ipv6(packet, d, offset);
            default -> Optional.empty();
        };
    }

    private static Optional<Segment> ipv4(CapturedPacket packet, byte[] d, int at) {
        if (at + 20 > d.length || (d[at] >> 4 & 0xf) != 4) {
            return Optional.empty();
        }
        int headerLength = (d[at] & 0xf) * 4;
        int totalLength = u16(d, at + 2);
        int fragmentOffset = u16(d, at + 6) & 0x1fff;
        if (headerLength < 20 || fragmentOffset != 0 || totalLength < headerLength) {
            return Optional.empty();
        }
        int end = Math.min(d.length, at + totalLength);
        String source = (d[at + 12] & 0xff) + "." + (d[at + 13] & 0xff) + "." + (d[at + 14] & 0xff) + "." + (d[at + 15] & 0xff);
        String destination = (d[at + 16] & 0xff) + "." + (d[at + 17] & 0xff) + "." + (d[at + 18] & 0xff) + "."
                + (d[at + 19] & 0xff);
        return transport(packet, d, d[at + 9] & 0xff, at + headerLength, end, source, destination);
    }

    private static Optional<Segment> ipv6(CapturedPacket packet, byte[] d, int at) {
        if (at + 40 > d.length || (d[at] >> 4 & 0xf) != 6) {
            return Optional.empty();
        }
        int payloadLength = u16(d, at + 4);
        int next = d[at + 6] & 0xff;
        int end = Math.min(d.length, at + 40 + payloadLength);
        String source = ipv6Address(d, at + 8);
        String destination = ipv6Address(d, at + 24);
        int pos = at + 40;
        while (next == 0 || next == 43 || next == 60) {
            if (pos + 2 > end) {
                return Optional.empty();
            }
            int following = d[pos] & 0xff;
            pos += 8 + (d[pos + 1] & 0xff) * 8;
            next = following;
        }
        return transport(packet, d, next, pos, end, source, destination);
    }

    private static Optional<Segment> transport(CapturedPacket packet, byte[] d, int protocol, int at, int end,
            String source, String destination) {
        if (protocol == 6) {
            if (at + 20 > end) {
                return Optional.empty();
            }
            int dataOffset = (d[at + 12] >> 4 & 0xf) * 4;
            if (dataOffset < 20 || at + dataOffset > end) {
                return Optional.empty();
            }
            int flags = d[at + 13] & 0xff;
            long sequence = Integer.toUnsignedLong(u32(d, at + 4));
            Flow flow = new Flow(Transport.TCP, new Endpoint(source, u16(d, at)), new Endpoint(destination, u16(d, at + 2)));
            byte[] payload = java.util.Arrays.copyOfRange(d, at + dataOffset, end);
            return Optional.of(new Segment(packet.index(), packet.time(), flow, sequence, (flags & 0x02) != 0,
                    (flags & 0x01) != 0, (flags & 0x04) != 0, payload));
        }
        if (protocol == 17) {
            if (at + 8 > end) {
                return Optional.empty();
            }
            int udpLength = u16(d, at + 4);
            int stop = udpLength >= 8 ? Math.min(end, at + udpLength) : end;
            Flow flow = new Flow(Transport.UDP, new Endpoint(source, u16(d, at)), new Endpoint(destination, u16(d, at + 2)));
            return Optional.of(new Segment(packet.index(), packet.time(), flow, 0, false, false, false,
                    java.util.Arrays.copyOfRange(d, at + 8, stop)));
        }
        return Optional.empty();
    }

    private static String ipv6Address(byte[] d, int at) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i > 0) {
                s.append(':');
            }
            s.append(Integer.toHexString(u16(d, at + 2 * i)));
        }
        return s.toString();
    }

    static int u16(byte[] d, int at) {
        return (d[at] & 0xff) << 8 | (d[at + 1] & 0xff);
    }

    static int u32(byte[] d, int at) {
        return (d[at] & 0xff) << 24 | (d[at + 1] & 0xff) << 16 | (d[at + 2] & 0xff) << 8 | (d[at + 3] & 0xff);
    }
}
