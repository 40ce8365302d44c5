package io.gridai.protocols.c37118;

/**
 * A PMU's FORMAT word: bit 0 phasors polar (else rectangular), bit 1 phasors float (else 16-bit integer), bit 2
 * analogs float, bit 3 FREQ/DFREQ float.
 */
public record DataFormat(int word) {

    public boolean polar() {
        return (word & 1) != 0;
    }

    public boolean phasorsFloat() {
        return (word & 2) != 0;
    }

    public boolean analogsFloat() {
        return (word & 4) != 0;
    }

    public boolean freqFloat() {
        return (word & 8) != 0;
    }

    /** Bytes of one PMU's data block in a data frame with this format and these channel counts. */
    public long dataBytes(int phasors, int analogs, int digitals) {
        return 2L + (long) phasors * (phasorsFloat() ? 8 : 4) + (freqFloat() ? 8 : 4)
                + (long) analogs * (analogsFloat() ? 4 : 2) + 2L * digitals;
    }
}
