package io.gridai.protocols.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.gridai.protocols.pcap.PcapFormatException;
import io.gridai.protocols.pcap.PcapReader;
import io.gridai.protocols.pcap.PcapWriter;

/**
 * Damaged capture files (fixed seed): a small capture of TCP and UDP frames with bytes flipped, overwritten and cut,
 * decoded as each protocol through the whole path (pcap reader, packet parser, TCP reassembly, framing, decoder). Reading may refuse a file
 * ({@link PcapFormatException}) but nothing may throw anything else.
 */
class CaptureFuzzTest {

    static final int FILES = 20_000;

    @Test
    void damagedCapturesNeverThrow() throws Exception {
        byte[] seed = new PcapWriter()
                .tcp(40000, 502, 0, true, new byte[0])
                .tcp(40000, 502, 1, false, CaptureDecoderTest.modbusRequest(1))
                .tcp(2404, 40001, 7, false, HexFormat.of().parseHex("680e040042002d0106000a0002000001"))
                .udp(4713, 4712, io.gridai.protocols.c37118.FuzzSeeds.build().all().get(4))
                .bytes();
        SplittableRandom r = new SplittableRandom(0x9CA9L);
        int packets = 0;
        int refused = 0;
        for (int i = 0; i < FILES; i++) {
            byte[] file = seed.clone();
            for (int m = 1 + r.nextInt(6); m > 0; m--) {
                int at = r.nextInt(file.length);
                file[at] = (byte) (r.nextBoolean() ? file[at] ^ (1 << r.nextInt(8)) : r.nextInt(256));
            }
            if (r.nextInt(4) == 0) {
                file = java.util.Arrays.copyOf(file, r.nextInt(file.length));
            }
            try {
                for (FieldProtocol protocol : FieldProtocol.values()) {
                    try (PcapReader reader = PcapReader.of(new ByteArrayInputStream(file))) {
                        packets += CaptureDecoder.decode(reader, protocol, OptionalInt.empty(), m -> { }).packets();
                    }
                }
            } catch (PcapFormatException e) {
                refused++;
            } catch (RuntimeException e) {
                throw new AssertionError("damaged capture " + i + " threw: " + HexFormat.of().formatHex(file), e);
            }
        }
        assertThat(packets).as("packets read from damaged files").isPositive();
        System.out.printf("capture fuzz: %d damaged files, %d packets read, %d files refused as not a capture%n", FILES,
                packets, refused);
    }
}
