package io.gridai.protocols.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

/**
 * Every decoder fed {@value #INPUTS} malformed inputs from a fixed seed: random bytes, and valid frames truncated,
 * extended, bit-flipped, with bytes overwritten (lengths and counts among them), spliced together. For C37.118 half
 * of the mutated frames get a correct CHK again, so the mutations reach the body decoders instead of stopping at the
 * CRC check. No input may throw; every input byte must end up in exactly one frame or error object; every error
 * must say why.
 */
class DecoderFuzzTest {

    static final int INPUTS = 120_000;
    static final long SEED = 0x5EED_C37_118L;

    /** Valid Modbus TCP frames (requests and responses) the inputs are mutated from. */
    static final byte[][] MODBUS_SEEDS = {
        hex("000100000006040100010001"),                         // read coils request
        hex("00010000000404010101"),                             // read coils response
        hex("00060000000f0510000100040800aa00bb00cc00dd"),       // write multiple registers request
        hex("00050000000b04030800aa00aa00bb00cc"),               // read holding registers response
        hex("00140000000d061700010001000200010200ff"),           // read/write multiple registers request
        hex("000100000003008302"),                               // exception response
        hex("0016000000080a18000400010001"),                     // read FIFO queue response
        hex("001700000005012b0e0100"),                           // read device identification request
    };

    /** Valid IEC 104 APDUs the inputs are mutated from. */
    static final byte[][] IEC104_SEEDS = {
        hex("680407000000"),                                     // STARTDT act
        hex("680e040042002d0106000a0002000001"),                 // C_SC_NA_1
        hex("6836120004001e0414000a000b0000003110170884070d0c0000003110170884070d0d0000003110170884070d"
                + "0e0000003110170884070d"),                     // M_SP_TB_1, 4 objects with CP56Time2a
        hex("681a0e0002000d0214000a000100000000204100020000000000c04000"), // M_ME_NC_1, 2 objects
        hex("680e02000200640106000a0000000014"),                 // C_IC_NA_1
        hex("680401000600"),                                     // S frame
        hex("68130400040009821400 0a00010000ff7f00008000".replace(" ", "")), // M_ME_NA_1, SQ=1
    };

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void c37118NeverThrowsAndAccountsForEveryByte() {
        io.gridai.protocols.c37118.FuzzSeeds seeds = io.gridai.protocols.c37118.FuzzSeeds.build();
        StreamDecoder decoder = new StreamDecoder(FieldProtocol.C37118);
        // the decoder keeps the configuration across inputs, so mutated data frames reach the data decoder
        decoder.decode(seeds.config(), m -> { });
        Totals t = fuzz("c37118", decoder, seeds.all(), frame -> io.gridai.protocols.c37118.FuzzSeeds.fixCrc(frame));
        assertThat(t.dataFrames).as("mutated data frames that still decoded").isPositive();
        assertThat(t.configFrames).as("mutated configuration frames that still decoded").isPositive();
    }

    @Test
    void modbusNeverThrowsAndAccountsForEveryByte() {
        fuzz("modbus", new StreamDecoder(FieldProtocol.MODBUS), List.of(MODBUS_SEEDS), UnaryOperator.identity());
    }

    @Test
    void iec104NeverThrowsAndAccountsForEveryByte() {
        fuzz("iec104", new StreamDecoder(FieldProtocol.IEC104), List.of(IEC104_SEEDS), UnaryOperator.identity());
    }

    private static final class Totals {
        long frames;
        long errors;
        long dataFrames;
        long configFrames;
    }

    private static Totals fuzz(String name, StreamDecoder decoder, List<byte[]> seeds, UnaryOperator<byte[]> repair) {
        SplittableRandom random = new SplittableRandom(SEED);
        Totals t = new Totals();
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = input(random, seeds, repair);
            long[] counted = new long[1];
            StreamDecoder.Counts c;
            try {
                c = decoder.decode(input, m -> {
                    counted[0] += ((Number) m.get("length")).longValue();
                    if (m.containsKey("error")) {
                        Object reason = m.get("error");
                        if (!(reason instanceof String s) || s.isBlank()) {
                            fail("error without a reason for input " + HexFormat.of().formatHex(input) + ": " + m);
                        }
                    } else if ("Data".equals(m.get("frame_type"))) {
                        t.dataFrames++;
                    } else if (String.valueOf(m.get("frame_type")).startsWith("CFG")) {
                        t.configFrames++;
                    }
                });
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError("input " + i + " threw: " + HexFormat.of().formatHex(input), e);
            }
            if (counted[0] != input.length || c.frameBytes() + c.errorBytes() != input.length) {
                fail("input " + HexFormat.of().formatHex(input) + " has " + input.length + " bytes but its objects cover "
                        + counted[0]);
            }
            t.frames += c.frames();
            t.errors += c.errors();
        }
        assertThat(t.errors).as("malformed inputs reported as errors").isPositive();
        System.out.printf("fuzz %s: %d inputs (seed %x), %d frames decoded (%d data, %d configuration), %d error objects%n",
                name, INPUTS, SEED, t.frames, t.dataFrames, t.configFrames, t.errors);
        return t;
    }

    private static byte[] input(SplittableRandom r, List<byte[]> seeds, UnaryOperator<byte[]> repair) {
        int kind = r.nextInt(10);
        if (kind == 0) {
            byte[] junk = new byte[r.nextInt(0, 300)];
            r.nextBytes(junk);
            return junk;
        }
        byte[] b = seeds.get(r.nextInt(seeds.size())).clone();
        int mutations = 1 + r.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            switch (r.nextInt(6)) {
                case 0 -> b = Arrays.copyOf(b, r.nextInt(0, b.length + 1)); // truncate
                case 1 -> { // extend with random bytes
                    int old = b.length;
                    b = Arrays.copyOf(b, old + r.nextInt(1, 40));
                    for (int i = old; i < b.length; i++) {
                        b[i] = (byte) r.nextInt(256);
                    }
                }
                case 2 -> { // flip a bit
                    if (b.length > 0) {
                        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 3 -> { // overwrite a byte among the first 40 (lengths, counts, formats live there)
                    if (b.length > 0) {
                        b[r.nextInt(Math.min(b.length, 40))] = (byte) (r.nextBoolean() ? 0xff : r.nextInt(256));
                    }
                }
                case 4 -> { // splice another seed after it
                    byte[] other = seeds.get(r.nextInt(seeds.size()));
                    byte[] joined = Arrays.copyOf(b, b.length + other.length);
                    System.arraycopy(other, 0, joined, b.length, other.length);
                    b = joined;
                }
                default -> { // random 16-bit word anywhere
                    if (b.length > 1) {
                        int at = r.nextInt(b.length - 1);
                        b[at] = (byte) r.nextInt(256);
                        b[at + 1] = (byte) r.nextInt(256);
                    }
                }
            }
        }
        return r.nextBoolean() ? repair.apply(b) : b;
    }
}
