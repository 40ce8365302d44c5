package io.gridai.protocols.c37118;

/**
 * The common fields of every C37.118 frame. {@code timeQuality} is the FRACSEC's top byte (bit 6 leap second
 * direction, 5 leap second occurred, 4 leap second pending, 3–0 time quality code); {@code fracsec} its low 24 bits.
 */
public record Header(FrameType type, int version, int frameSize, int idcode, long soc, int timeQuality, int fracsec) {

    /** Time quality code (message time quality, bits 3–0 of the FRACSEC's top byte): 0 locked to UTC … 15 fault. */
    public int timeQualityCode() {
        return timeQuality & 0xf;
    }
}
