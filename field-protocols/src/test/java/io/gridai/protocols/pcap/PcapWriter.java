package io.gridai.protocols.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes small classic pcap files (little-endian, microseconds, Ethernet) of IPv4 TCP/UDP packets for tests. */
public final class PcapWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int packets;

    public PcapWriter() {
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.writeBytes(h.array());
    }

    /** A TCP segment from a.b.c.1:srcPort to a.b.c.2:dstPort. */
    public PcapWriter tcp(int srcPort, int dstPort, long seq, boolean syn, byte[] payload) {
        ByteBuffer t = ByteBuffer.allocate(20 + payload.length);
        t.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt(0).put((byte) 0x50)
                .put((byte) (syn ? 0x02 : 0x18)).putShort((short) 65535).putShort((short) 0).putShort((short) 0).put(payload);
        return ip(6, srcPort < dstPort ? 2 : 1, srcPort < dstPort ? 1 : 2, t.array());
    }

    public PcapWriter udp(int srcPort, int dstPort, byte[] payload) {
        ByteBuffer u = ByteBuffer.allocate(8 + payload.length);
        u.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0)
                .put(payload);
        return ip(17, 1, 2, u.array());
    }

    private PcapWriter ip(int protocol, int src, int dst, byte[] transport) {
        ByteBuffer p = ByteBuffer.allocate(14 + 20 + transport.length);
        p.put(new byte[12]).putShort((short) 0x0800);
        p.put((byte) 0x45).put((byte) 0).putShort((short) (20 + transport.length)).putInt(0).put((byte) 64)
                .put((byte) protocol).putShort((short) 0).put(new byte[] {10, 0, 0, (byte) src})
                .put(new byte[] {10, 0, 0, (byte) dst}).put(transport);
        return record(p.array());
    }

    /** A raw record with these bytes. */
    public PcapWriter record(byte[] data) {
        ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        r.putInt(1_700_000_000 + packets).putInt(0).putInt(data.length).putInt(data.length);
        out.writeBytes(r.array());
        out.writeBytes(data);
        packets++;
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }
}
