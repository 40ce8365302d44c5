package io.gridai.protocols.c37118;

import java.nio.ByteBuffer;
import java.util.List;

/** Valid C37.118 frames for the fuzz test to mutate (built here because the frame builder is package-private). */
public record FuzzSeeds(byte[] config, List<byte[]> all) {

    public static FuzzSeeds build() {
        byte[] cfg = C37118DecoderTest.integerConfig();
        C37118Frames.Pmu floatPmu = new C37118Frames.Pmu("FLOAT", 9, 0x000f, new String[] {"VA", "VB"},
                new int[] {0, 0}, new String[] {"A1"}, new int[] {0}, 0, true, 1);
        byte[] floatCfg = C37118Frames.cfg2(9, C37118DecoderTest.SOC, 1_000_000, 50, floatPmu);
        byte[] floatBlock = ByteBuffer.allocate(2 + 16 + 8 + 4).putShort((short) 0).putFloat(1f).putFloat(0.5f)
                .putFloat(2f).putFloat(-0.5f).putFloat(50.01f).putFloat(0.1f).putFloat(7f).array();
        return new FuzzSeeds(C37118Frames.concat(cfg, floatCfg), List.of(cfg, floatCfg,
                C37118Frames.data(C37118DecoderTest.ID, C37118DecoderTest.SOC, 5, C37118DecoderTest.integerBlock(0)),
                C37118Frames.data(9, C37118DecoderTest.SOC, 5, floatBlock),
                C37118Frames.command(C37118DecoderTest.ID, 5),
                C37118Frames.frame(FrameType.HEADER, C37118DecoderTest.ID, 0, 0, "PMU at bus 12".getBytes()),
                cfg3()));
    }

    /** A CFG-3 with one PMU, one float phasor, no analogs or digitals. */
    static byte[] cfg3() {
        ByteBuffer b = ByteBuffer.allocate(200);
        b.putShort((short) 0).putInt(1_000_000).putShort((short) 1);
        b.put((byte) 3).put("PMU".getBytes()).putShort((short) 11).put(new byte[16]).putShort((short) 0x000f)
                .putShort((short) 1).putShort((short) 0).putShort((short) 0);
        b.put((byte) 2).put("VA".getBytes());
        b.putShort((short) 0).put((byte) 0).put((byte) 0).putFloat(1f).putFloat(0f);
        b.putFloat(45.5f).putFloat(-122.6f).putFloat(10f).put((byte) 'M').putInt(0).putInt(0).putShort((short) 1)
                .putShort((short) 4);
        b.putShort((short) 30);
        byte[] body = new byte[b.position()];
        b.flip().get(body);
        return C37118Frames.frame(FrameType.CFG3, 11, C37118DecoderTest.SOC, 0, body);
    }

    /** For a mutated frame that still starts like one: FRAMESIZE set to its length and CHK recomputed. */
    public static byte[] fixCrc(byte[] frame) {
        if (frame.length >= 16 && frame.length <= 0xffff) {
            frame[2] = (byte) (frame.length >> 8);
            frame[3] = (byte) frame.length;
            C37118Frames.withCrc(frame);
        }
        return frame;
    }
}
