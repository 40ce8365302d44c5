package io.gridai.protocols.live.c37118;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridai.protocols.c37118.CommandFrame;
import io.gridai.protocols.c37118.FrameEncoder;

/** A live stream cut into frames whatever its chunking; junk runs reported once each. */
class FrameSplitterTest {

    private final List<byte[]> frames = new ArrayList<>();
    private final List<String> junk = new ArrayList<>();
    private final FrameSplitter splitter = new FrameSplitter(new FrameSplitter.Listener() {
        @Override
        public void frame(byte[] frame) {
            frames.add(frame);
        }

        @Override
        public void junk(int length, String reason, boolean badCrc) {
            junk.add(length + (badCrc ? " crc" : " junk"));
        }
    }, id -> -1);

    @Test
    void framesComeOutWholeAtEveryChunkBoundary() {
        byte[] a = CommandFrame.encode(7, CommandFrame.SEND_CFG2, 1, 0);
        byte[] b = FrameEncoder.header(7, 2, 0, "hello");
        byte[] stream = concat(a, b, a);
        for (int cut = 1; cut < stream.length; cut++) {
            frames.clear();
            splitter.reset();
            splitter.append(java.util.Arrays.copyOfRange(stream, 0, cut), cut);
            splitter.append(java.util.Arrays.copyOfRange(stream, cut, stream.length), stream.length - cut);
            assertThat(frames).as("cut at %d", cut).containsExactly(a, b, a);
        }
        assertThat(junk).isEmpty();
    }

    @Test
    void junkAndABadCrcFrameAreEachOneRunAndTheFramesAroundThemSurvive() {
        byte[] a = CommandFrame.encode(7, CommandFrame.DATA_ON, 1, 0);
        byte[] bad = CommandFrame.encode(7, CommandFrame.DATA_OFF, 1, 0);
        bad[bad.length - 1] ^= 1;
        byte[] text = "noise".getBytes(StandardCharsets.US_ASCII);
        byte[] all = concat(a, text, a, bad, a);
        splitter.append(all, all.length);
        assertThat(frames).containsExactly(a, a, a);
        assertThat(junk).containsExactly(text.length + " junk", bad.length + " crc");
    }

    @Test
    void aDatagramIsCutOnItsOwnAndATruncatedFrameIsJunk() {
        byte[] a = CommandFrame.encode(7, CommandFrame.DATA_ON, 1, 0);
        byte[] d = concat(a, java.util.Arrays.copyOf(a, 10));
        splitter.datagram(d, d.length);
        assertThat(frames).containsExactly(a);
        assertThat(junk).containsExactly("10 junk");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
