package io.gridai.protocols.pcap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads packet records from a classic pcap file (either byte order, microsecond or nanosecond timestamps) or a
 * pcapng file (section header, interface description, enhanced and simple packet blocks; other blocks skipped).
 *
 * <p>A record cut short at the end of the file ends reading: {@link #truncatedTail()} then says so. Record and block
 * lengths are checked against {@value #MAX_RECORD} before anything is allocated.
 */
public final class PcapReader implements AutoCloseable {

    /** Largest packet record or pcapng block accepted (bytes); larger is treated as a damaged file. */
    public static final int MAX_RECORD = 256 * 1024;

    private static final int PCAP_MAGIC_MICROS = 0xa1b2c3d4;
    private static final int PCAP_MAGIC_NANOS = 0xa1b23c4d;
    private static final int PCAPNG_SECTION = 0x0a0d0d0a;
    private static final int PCAPNG_BYTE_ORDER = 0x1a2b3c4d;

    private final InputStream in;
    private final boolean pcapng;
    private ByteOrder order;
    private boolean nanos;
    private int linkType;
    private final List<Interface> interfaces = new ArrayList<>();
    private int next;
    private String truncatedTail;

    private record Interface(int linkType, long unitsPerSecond) {
    }

    private PcapReader(InputStream in) throws IOException, PcapFormatException {
        this.in = in;
        byte[] head = in.readNBytes(4);
        if (head.length < 4) {
            throw new PcapFormatException("not a capture: the file has only " + head.length + " bytes");
        }
        int big = ByteBuffer.wrap(head).order(ByteOrder.BIG_ENDIAN).getInt();
        int little = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (big == PCAPNG_SECTION) {
            pcapng = true;
            readSectionHeader();
            return;
        }
        pcapng = false;
        if (big == PCAP_MAGIC_MICROS || big == PCAP_MAGIC_NANOS) {
            order = ByteOrder.BIG_ENDIAN;
            nanos = big == PCAP_MAGIC_NANOS;
        } else if (little == PCAP_MAGIC_MICROS || little == PCAP_MAGIC_NANOS) {
            order = ByteOrder.LITTLE_ENDIAN;
            nanos = little == PCAP_MAGIC_NANOS;
        } else {
            throw new PcapFormatException(String.format(
                    "not a pcap or pcapng capture (first bytes %02x %02x %02x %02x); save it from Wireshark or tcpdump"
                            + " as pcap", head[0], head[1], head[2], head[3]));
        }
        byte[] rest = in.readNBytes(20);
        if (rest.length < 20) {
            throw new PcapFormatException("the pcap file header is cut short (" + (4 + rest.length) + " of 24 bytes)");
        }
        linkType = ByteBuffer.wrap(rest).order(order).getInt(16) & 0x0fffffff;
    }

    /** Opens a capture file. */
    public static PcapReader open(Path file) throws IOException, PcapFormatException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return new PcapReader(in);
        } catch (IOException | PcapFormatException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads a capture from a stream (which this reader closes). */
    public static PcapReader of(InputStream in) throws IOException, PcapFormatException {
        return new PcapReader(new BufferedInputStream(in, 1 << 16));
    }

    /** The next packet, or empty at the end of the file (or at a truncated last record). */
    public Optional<CapturedPacket> next() throws IOException {
        return pcapng ? nextBlock() : nextRecord();
    }

    /** Why reading stopped before the end of the file, if it did (a record or block cut short or oversized). */
    public Optional<String> truncatedTail() {
        return Optional.ofNullable(truncatedTail);
    }

    private Optional<CapturedPacket> nextRecord() throws IOException {
        byte[] header = in.readNBytes(16);
        if (header.length == 0) {
            return Optional.empty();
        }
        if (header.length < 16) {
            truncatedTail = "packet record " + next + " header cut short (" + header.length + " of 16 bytes)";
            return Optional.empty();
        }
        ByteBuffer h = ByteBuffer.wrap(header).order(order);
        long seconds = Integer.toUnsignedLong(h.getInt(0));
        long fraction = Integer.toUnsignedLong(h.getInt(4));
        long captured = Integer.toUnsignedLong(h.getInt(8));
        if (captured > MAX_RECORD) {
            truncatedTail = "packet record " + next + " claims " + captured + " bytes (more than " + MAX_RECORD + ")";
            return Optional.empty();
        }
        byte[] data = in.readNBytes((int) captured);
        if (data.length < captured) {
            truncatedTail = "packet record " + next + " cut short (" + data.length + " of " + captured + " bytes)";
            return Optional.empty();
        }
        Instant time = Instant.ofEpochSecond(seconds, nanos ? fraction : fraction * 1000);
        return Optional.of(new CapturedPacket(next++, time, linkType, data));
    }

    private void readSectionHeader() throws IOException, PcapFormatException {
        byte[] lengthAndMagic = in.readNBytes(8);
        if (lengthAndMagic.length < 8) {
            throw new PcapFormatException("the pcapng section header is cut short");
        }
        int magic = ByteBuffer.wrap(lengthAndMagic, 4, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        order = magic == PCAPNG_BYTE_ORDER ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        long length = Integer.toUnsignedLong(ByteBuffer.wrap(lengthAndMagic, 0, 4).order(order).getInt());
        if (length < 28 || length > MAX_RECORD || length % 4 != 0) {
            throw new PcapFormatException("the pcapng section header has an impossible length " + length);
        }
        skip(length - 12);
    }

    private Optional<CapturedPacket> nextBlock() throws IOException {
        while (true) {
            byte[] head = in.readNBytes(8);
            if (head.length == 0) {
                return Optional.empty();
            }
            if (head.length < 8) {
                truncatedTail = "pcapng block header cut short after packet " + next;
                return Optional.empty();
            }
            ByteBuffer h = ByteBuffer.wrap(head).order(order);
            int type = h.getInt(0);
            if (type == PCAPNG_SECTION) {
                // a new section may change the byte order
                byte[] magic = in.readNBytes(4);
                if (magic.length < 4) {
                    truncatedTail = "pcapng section header cut short";
                    return Optional.empty();
                }
                order = ByteBuffer.wrap(magic).order(ByteOrder.BIG_ENDIAN).getInt() == PCAPNG_BYTE_ORDER
                        ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                long length = Integer.toUnsignedLong(ByteBuffer.wrap(head, 4, 4).order(order).getInt());
                if (length < 28 || length > MAX_RECORD) {
                    truncatedTail = "pcapng section header with impossible length " + length;
                    return Optional.empty();
                }
                interfaces.clear();
                skip(length - 12);
                continue;
            }
            long length = Integer.toUnsignedLong(h.getInt(4));
            if (length < 12 || length > MAX_RECORD || length % 4 != 0) {
                truncatedTail = "pcapng block of type " + type + " with impossible length " + length;
                return Optional.empty();
            }
            byte[] body = in.readNBytes((int) length - 8);
            if (body.length < length - 8) {
                truncatedTail = "pcapng block cut short after packet " + next;
                return Optional.empty();
            }
            ByteBuffer b = ByteBuffer.wrap(body).order(order);
            switch (type) {
                case 1 -> interfaces.add(new Interface(b.getShort(0) & 0xffff, resolution(b, (int) length - 12)));
                case 6 -> {
                    Optional<CapturedPacket> p = enhanced(b, (int) length - 12);
                    if (p.isPresent()) {
                        return p;
                    }
                }
                case 3 -> {
                    if (!interfaces.isEmpty() && length >= 16) {
                        int original = b.getInt(0);
                        int captured = (int) Math.min(Integer.toUnsignedLong(original), length - 16);
                        byte[] data = new byte[captured];
                        b.get(4, data);
                        return Optional.of(new CapturedPacket(next++, Instant.EPOCH, interfaces.get(0).linkType(), data));
                    }
                }
                default -> {
                    // statistics, name resolution, custom blocks: nothing to decode
                }
            }
        }
    }

    private Optional<CapturedPacket> enhanced(ByteBuffer b, int bodyLength) {
        if (bodyLength < 20) {
            return Optional.empty();
        }
        int iface = b.getInt(0);
        long ts = (Integer.toUnsignedLong(b.getInt(4)) << 32) | Integer.toUnsignedLong(b.getInt(8));
        long captured = Integer.toUnsignedLong(b.getInt(12));
        if (iface < 0 || iface >= interfaces.size() || captured > bodyLength - 20) {
            return Optional.empty();
        }
        byte[] data = new byte[(int) captured];
        b.get(20, data);
        Interface i = interfaces.get(iface);
        long unit = i.unitsPerSecond();
        Instant time;
        try {
            time = Instant.ofEpochSecond(Long.divideUnsigned(ts, unit),
                    Long.remainderUnsigned(ts, unit) * (1_000_000_000L / Math.min(unit, 1_000_000_000L)));
        } catch (java.time.DateTimeException e) {
            time = Instant.EPOCH; // a timestamp beyond what Instant holds: the packet still counts
        }
        return Optional.of(new CapturedPacket(next++, time, i.linkType(), data));
    }

    /** The interface's timestamp units per second from its if_tsresol option (default microseconds). */
    private static long resolution(ByteBuffer b, int bodyLength) {
        int pos = 8;
        while (pos + 4 <= bodyLength) {
            int code = b.getShort(pos) & 0xffff;
            int len = b.getShort(pos + 2) & 0xffff;
            if (code == 0) {
                break;
            }
            if (code == 9 && len == 1 && pos + 5 <= bodyLength) {
                int v = b.get(pos + 4);
                if ((v & 0x80) == 0 && v <= 9) {
                    return (long) Math.pow(10, v);
                }
                return 1_000_000L;
            }
            pos += 4 + ((len + 3) & ~3);
        }
        return 1_000_000L;
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    return;
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
