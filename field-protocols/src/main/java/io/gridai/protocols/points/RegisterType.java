package io.gridai.protocols.points;

/** How the 16-bit registers of one Modbus value are read as a number. */
public enum RegisterType {
    /** One register, two's complement. */
    INT16(1),
    /** One register, unsigned. */
    UINT16(1),
    /** Two registers, two's complement, in the value's {@link WordOrder}. */
    INT32(2),
    /** Two registers, unsigned, in the value's {@link WordOrder}. */
    UINT32(2),
    /** Two registers, IEEE 754 single precision, in the value's {@link WordOrder}. */
    FLOAT32(2);

    private final int words;

    RegisterType(int words) {
        this.words = words;
    }

    /** How many consecutive registers one value occupies. */
    public int words() {
        return words;
    }
}
