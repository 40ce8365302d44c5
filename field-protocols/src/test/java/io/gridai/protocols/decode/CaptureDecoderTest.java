package io.gridai.protocols.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridai.protocols.pcap.PcapFormatException;
import io.gridai.protocols.pcap.PcapWriter;

/** Captures made in the test: TCP reassembly (out of order, retransmitted, lost), UDP, pcapng, a cut-short file. */
class CaptureDecoderTest {

    /** Modbus read holding registers request, transaction {@code tid}. */
    static byte[] modbusRequest(int tid) {
        return ByteBuffer.allocate(12).putShort((short) tid).putShort((short) 0).putShort((short) 6).put((byte) 1)
                .put((byte) 3).putShort((short) 100).putShort((short) 2).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    @TempDir
    Path dir;

    private List<Map<String, Object>> decode(byte[] pcap, FieldProtocol protocol) throws Exception {
        Path file = Files.write(dir.resolve("t.pcap"), pcap);
        List<Map<String, Object>> out = new ArrayList<>();
        CaptureDecoder.decode(file, protocol, OptionalInt.empty(), out::add);
        return out;
    }

    @Test
    void tcpSegmentsOutOfOrderAndRetransmittedGiveEachFrameOnce() throws Exception {
        byte[] stream = concat(modbusRequest(1), modbusRequest(2), modbusRequest(3));
        long isn = 1000;
        PcapWriter w = new PcapWriter().tcp(40000, 502, isn, true, new byte[0])
                .tcp(40000, 502, isn + 1 + 17, false, Arrays.copyOfRange(stream, 17, 36)) // later bytes first
                .tcp(40000, 502, isn + 1, false, Arrays.copyOfRange(stream, 0, 20))       // overlaps the next
                .tcp(40000, 502, isn + 1, false, Arrays.copyOfRange(stream, 0, 12));      // retransmission
        List<Map<String, Object>> out = decode(w.bytes(), FieldProtocol.MODBUS);
        assertThat(out).noneMatch(m -> m.containsKey("error"));
        assertThat(out).extracting(m -> m.get("transaction_id")).containsExactly(1, 2, 3);
        assertThat(out).extracting(m -> m.get("offset")).containsExactly(0L, 12L, 24L);
    }

    @Test
    void aHoleInTheStreamIsReportedAndDecodingGoesOn() throws Exception {
        byte[] stream = concat(modbusRequest(1), modbusRequest(2), modbusRequest(3));
        PcapWriter w = new PcapWriter().tcp(40000, 502, 0, true, new byte[0])
                .tcp(40000, 502, 1, false, Arrays.copyOfRange(stream, 0, 14))
                .tcp(40000, 502, 1 + 24, false, Arrays.copyOfRange(stream, 24, 36));
        List<Map<String, Object>> out = decode(w.bytes(), FieldProtocol.MODBUS);
        assertThat(out).hasSize(4);
        assertThat(out.get(0)).containsEntry("transaction_id", 1);
        assertThat((String) out.get(1).get("error")).contains("cut short");
        assertThat((String) out.get(2).get("error")).contains("10 bytes of the TCP stream are missing");
        assertThat(out.get(3)).containsEntry("transaction_id", 3).containsEntry("packet", 2);
    }

    @Test
    void udpDatagramsAreFramedOneByOneOnAnyPortForC37118() throws Exception {
        byte[] command = io.gridai.protocols.c37118.FuzzSeeds.build().all().get(4);
        PcapWriter w = new PcapWriter().udp(5000, 6000, command).udp(5000, 6000, Arrays.copyOf(command, 10))
                .udp(5000, 6000, command);
        List<Map<String, Object>> out = decode(w.bytes(), FieldProtocol.C37118);
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).containsEntry("command", "Send CFG-2").containsEntry("transport", "udp")
                .containsEntry("src", "10.0.0.1:5000").containsEntry("dst", "10.0.0.2:6000");
        assertThat(out.get(1)).containsEntry("packet", 1).containsKey("error");
        assertThat(out.get(2)).containsEntry("command", "Send CFG-2");
    }

    @Test
    void trafficOnOtherPortsIsNotReportedAsBrokenC37118() throws Exception {
        PcapWriter w = new PcapWriter().udp(5353, 5353, "not a synchrophasor".getBytes());
        Path file = Files.write(dir.resolve("t.pcap"), w.bytes());
        List<Map<String, Object>> out = new ArrayList<>();
        CaptureDecoder.Summary s = CaptureDecoder.decode(file, FieldProtocol.C37118, OptionalInt.empty(), out::add);
        assertThat(out).isEmpty();
        assertThat(s.ignoredFlows()).isEqualTo(1);
        // named with --port, the same traffic is reported
        CaptureDecoder.Summary named = CaptureDecoder.decode(file, FieldProtocol.C37118, OptionalInt.of(5353), out::add);
        assertThat(named.errors()).isEqualTo(1);
        assertThat(out).singleElement().satisfies(e -> assertThat(e).containsKey("error"));
    }

    @Test
    void aCaptureCutShortKeepsWhatCameBefore() throws Exception {
        byte[] pcap = new PcapWriter().tcp(40000, 502, 0, true, new byte[0]).tcp(40000, 502, 1, false, modbusRequest(9))
                .tcp(40000, 502, 13, false, modbusRequest(10)).bytes();
        Path file = Files.write(dir.resolve("t.pcap"), Arrays.copyOf(pcap, pcap.length - 5));
        List<Map<String, Object>> out = new ArrayList<>();
        CaptureDecoder.Summary s = CaptureDecoder.decode(file, FieldProtocol.MODBUS, OptionalInt.empty(), out::add);
        assertThat(out).extracting(m -> m.get("transaction_id")).containsExactly(9);
        assertThat(s.truncated()).hasValueSatisfying(t -> assertThat(t).contains("cut short"));
    }

    @Test
    void pcapngIsReadToo() throws Exception {
        byte[] classic = new PcapWriter().udp(4713, 4712, io.gridai.protocols.c37118.FuzzSeeds.build().all().get(4)).bytes();
        byte[] packet = Arrays.copyOfRange(classic, 24 + 16, classic.length);
        ByteBuffer ng = ByteBuffer.allocate(28 + 20 + 32 + ((packet.length + 3) & ~3)).order(ByteOrder.LITTLE_ENDIAN);
        ng.putInt(0x0a0d0d0a).putInt(28).putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
        ng.putInt(1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(65535).putInt(20);
        int epb = 32 + ((packet.length + 3) & ~3);
        ng.putInt(6).putInt(epb).putInt(0).putInt(0).putInt(1_000_000).putInt(packet.length).putInt(packet.length)
                .put(packet);
        ng.position(ng.position() + (((packet.length + 3) & ~3) - packet.length));
        ng.putInt(epb);
        List<Map<String, Object>> out = decode(ng.array(), FieldProtocol.C37118);
        assertThat(out).singleElement().satisfies(m -> assertThat(m).containsEntry("command", "Send CFG-2")
                .containsEntry("capture_time", "1970-01-01T00:00:01Z"));
    }

    @Test
    void aFileThatIsNoCaptureIsRefused() throws IOException {
        Path file = Files.write(dir.resolve("junk"), "hello, not a capture".getBytes());
        assertThatThrownBy(() -> CaptureDecoder.decode(file, FieldProtocol.MODBUS, OptionalInt.empty(), m -> { }))
                .isInstanceOf(PcapFormatException.class).hasMessageContaining("not a pcap or pcapng capture");
    }
}
