package io.gridai.protocols.c37118;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Encode → decode round trips for every FORMAT word, CFG-1/2/3, one and two PMU blocks; commands and headers. */
class FrameEncoderTest {

    static List<Object[]> formats() {
        List<Object[]> out = new ArrayList<>();
        for (FrameType type : List.of(FrameType.CFG1, FrameType.CFG2, FrameType.CFG3)) {
            for (int format = 0; format < 16; format++) {
                out.add(new Object[] {type, format});
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} FORMAT {1}")
    @MethodSource("formats")
    void configAndDataRoundTrip(FrameType type, int format) {
        ConfigFrame config = config(type, 7, format, 15 - format);
        byte[] cfgBytes = FrameEncoder.config(config);
        ConfigFrame decoded = C37118Decoder.decodeConfig(cfgBytes);
        assertThat(decoded.header().frameSize()).isEqualTo(cfgBytes.length);
        assertThat(decoded.header().type()).isEqualTo(type);
        assertThat(decoded.timeBase()).isEqualTo(config.timeBase());
        assertThat(decoded.dataRate()).isEqualTo(config.dataRate());
        assertThat(decoded.pmus()).isEqualTo(config.pmus());

        long soc = 1_700_000_000L;
        int fracsec = 333_333;
        List<PmuData> sent = new ArrayList<>();
        for (PmuConfig p : decoded.pmus()) {
            sent.add(sample(p, new Stat(0x8000 | p.idcode())));
        }
        Header h = new Header(FrameType.DATA, 2, 0, 7, soc, 0x0a, fracsec);
        byte[] dataBytes = FrameEncoder.data(new DataFrame(h, null, decoded, sent));
        DataFrame back = C37118Decoder.decodeData(dataBytes, decoded);
        assertThat(back.time()).isEqualTo(Instant.ofEpochSecond(soc, fracsec * 1_000L));
        assertThat(back.header().timeQuality()).isEqualTo(0x0a);
        for (int i = 0; i < sent.size(); i++) {
            PmuData want = sent.get(i);
            PmuData got = back.pmus().get(i);
            PmuConfig pc = decoded.pmus().get(i);
            DataFormat f = pc.format();
            assertThat(got.stat()).isEqualTo(want.stat());
            for (int k = 0; k < want.phasors().size(); k++) {
                Phasor w = want.phasors().get(k);
                Phasor g = got.phasors().get(k);
                double scale = pc.phasors().get(k).scale();
                double tol = f.phasorsFloat() ? w.magnitude() * 1e-6 : scale;
                assertThat(g.polar()).isEqualTo(f.polar());
                assertThat(g.real()).isCloseTo(w.real(), within(tol * 2));
                assertThat(g.imaginary()).isCloseTo(w.imaginary(), within(tol * 2));
                assertThat(g.angle()).isCloseTo(w.angle(), within(f.phasorsFloat() ? 1e-6 : 1e-3));
            }
            assertThat(got.frequencyHz()).isCloseTo(want.frequencyHz(), within(f.freqFloat() ? 1e-5 : 0.0005));
            assertThat(got.rocof()).isCloseTo(want.rocof(), within(f.freqFloat() ? 1e-6 : 0.005));
            for (int k = 0; k < want.analogs().size(); k++) {
                assertThat(got.analogs().get(k)).isCloseTo(want.analogs().get(k), within(f.analogsFloat() ? 1e-3 : 0.5));
            }
            assertThat(got.digitals()).isEqualTo(want.digitals());
        }
    }

    @Test
    void commandFramesRoundTripAndDecodeAsCommands() {
        for (int cmd = CommandFrame.DATA_OFF; cmd <= CommandFrame.SEND_CFG3; cmd++) {
            byte[] b = CommandFrame.encode(235, cmd, 1_700_000_123L, 42);
            assertThat(CommandFrame.decode(b)).isEqualTo(new CommandFrame(235, cmd, 1_700_000_123L, 42));
            assertThat(b).hasSize(18);
            assertThat(new C37118Decoder().decode(b, null)).isInstanceOfSatisfying(
                    io.gridai.protocols.decode.Decoding.Decoded.class,
                    d -> assertThat(d.fields()).containsEntry("command", CommandFrame.decode(b).name()));
        }
        byte[] bad = CommandFrame.encode(1, 2, 0, 0);
        bad[bad.length - 1] ^= 1;
        assertThatThrownBy(() -> CommandFrame.decode(bad)).hasMessageContaining("CRC");
        assertThatThrownBy(() -> CommandFrame.decode(FrameEncoder.header(1, 0, 0, "x"))).hasMessageContaining("not a command");
    }

    @Test
    void headerFrameCarriesItsText() {
        byte[] b = FrameEncoder.header(9, 1_700_000_000L, 0, "station A, 400 kV");
        var d = (io.gridai.protocols.decode.Decoding.Decoded) new C37118Decoder().decode(b, null);
        assertThat(d.fields()).containsEntry("text", "station A, 400 kV");
    }

    /** Two PMU blocks, the first with {@code format}, the second with {@code otherFormat}. */
    static ConfigFrame config(FrameType type, int idcode, int format, int otherFormat) {
        boolean cfg3 = type == FrameType.CFG3;
        List<PmuConfig> pmus = List.of(pmu("STATION A", 11, format, cfg3, 50), pmu("STATION B", 12, otherFormat, cfg3, 60));
        return new ConfigFrame(new Header(type, 2, 0, idcode, 1_700_000_000L, 0, 0), 0, 1_000_000, pmus, 30);
    }

    static PmuConfig pmu(String station, int idcode, int format, boolean cfg3, int fnom) {
        // CFG-1/2 scales are PHUNIT's integer factor × 1e-5; CFG-3 scales are floats
        double vScale = cfg3 ? 4.0f : 915_527 * 1e-5;
        double iScale = cfg3 ? 0.0625f : 4_578 * 1e-5;
        List<PhasorChannel> phasors = List.of(new PhasorChannel("VA", false, vScale, 0, 0),
                new PhasorChannel("IA", true, iScale, 0, 0));
        List<AnalogChannel> analogs = List.of(cfg3 ? new AnalogChannel("P", -1, 0.5f, 1.0f) : new AnalogChannel("P", 1, 1, 0));
        List<String> names = new ArrayList<>(Collections.nCopies(16, ""));
        for (int b = 0; b < 16; b++) {
            names.set(b, "BRK" + b);
        }
        List<DigitalWord> digitals = List.of(new DigitalWord(names, 0x0000, 0xffff));
        return new PmuConfig(station, idcode, cfg3 ? "00112233445566778899aabbccddeeff" : "", new DataFormat(format),
                phasors, analogs, digitals, fnom, 3, cfg3 ? 52.5f : Double.NaN, cfg3 ? 13.25f : Double.NaN,
                cfg3 ? 40f : Double.NaN, cfg3 ? "M" : "", cfg3 ? 100_000 : 0, cfg3 ? 20_000 : 0);
    }

    static PmuData sample(PmuConfig p, Stat stat) {
        List<Phasor> phasors = List.of(Phasor.ofPolar("VA", false, 230_000 / Math.sqrt(3), 0.5236, 0, 0),
                Phasor.ofPolar("IA", true, 812.5, -0.25, 0, 0));
        double f = p.nominalHz() + 0.0123;
        return new PmuData(p, stat, phasors, f, 12.3, -0.37, List.of(1234.0), List.of(0x00f0), 0, 0, List.of());
    }
}
