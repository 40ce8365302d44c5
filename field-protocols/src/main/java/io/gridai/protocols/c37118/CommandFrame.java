package io.gridai.protocols.c37118;

/**
 * A C37.118.2 command frame (a PDC to a PMU or PDC): the destination's data stream IDCODE and CMD. Encoded frames are
 * version 2011 with no extended frame data; {@link #decode} reads any version and ignores EXTFRAME.
 */
public record CommandFrame(int idcode, int command, long soc, int fracsec) {

    /** CMD 0x0001: turn off transmission of data frames. */
    public static final int DATA_OFF = 0x0001;
    /** CMD 0x0002: turn on transmission of data frames. */
    public static final int DATA_ON = 0x0002;
    /** CMD 0x0003: send the header frame. */
    public static final int SEND_HDR = 0x0003;
    /** CMD 0x0004: send CFG-1 (what the PMU can send). */
    public static final int SEND_CFG1 = 0x0004;
    /** CMD 0x0005: send CFG-2 (what the PMU sends). */
    public static final int SEND_CFG2 = 0x0005;
    /** CMD 0x0006: send CFG-3. */
    public static final int SEND_CFG3 = 0x0006;

    /** The frame's bytes, with FRAMESIZE and CHK. */
    public static byte[] encode(int idcode, int command, long soc, int fracsec) {
        return FrameEncoder.frame(FrameType.COMMAND, FrameEncoder.VERSION_2011, idcode, soc, 0, fracsec,
                new byte[] {(byte) (command >> 8), (byte) command});
    }

    public byte[] encode() {
        return encode(idcode, command, soc, fracsec);
    }

    /** The command's name as the decoder prints it ("Data on", "Send CFG-2" …). */
    public String name() {
        return C37118Decoder.commandName(command);
    }

    /**
     * Decodes one whole command frame.
     *
     * @throws IllegalArgumentException when {@code frame} is not a well-formed command frame (the message says why)
     */
    public static CommandFrame decode(byte[] frame) {
        try {
            Header h = C37118Decoder.header(frame);
            String problem = C37118Decoder.check(frame, h);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            if (h.type() != FrameType.COMMAND) {
                throw new IllegalArgumentException("a " + h.type().label() + " frame, not a command frame");
            }
            FrameReader r = new FrameReader(frame, 14, frame.length - 2);
            return new CommandFrame(h.idcode(), r.u16("CMD"), h.soc(), h.fracsec());
        } catch (FrameReader.Short e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
