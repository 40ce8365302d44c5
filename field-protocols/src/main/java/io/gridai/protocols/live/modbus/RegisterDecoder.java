package io.gridai.protocols.live.modbus;

import io.gridai.protocols.points.RegisterType;
import io.gridai.protocols.points.WordOrder;

/** Reads the 16-bit registers of one Modbus value as a number. */
public final class RegisterDecoder {

    private RegisterDecoder() {
    }

    /**
     * The number in {@code words} (each 0…65535, in address order).
     *
     * @throws IllegalArgumentException when {@code words} does not have the type's number of registers
     */
    public static double decode(int[] words, RegisterType type, WordOrder order) {
        if (words.length != type.words()) {
            throw new IllegalArgumentException(type + " takes " + type.words() + " register(s), got "
                    + words.length);
        }
        return switch (type) {
            case INT16 -> (short) words[0];
            case UINT16 -> words[0] & 0xFFFF;
            case INT32 -> join(words, order);
            case UINT32 -> Integer.toUnsignedLong(join(words, order));
            case FLOAT32 -> Float.intBitsToFloat(join(words, order));
        };
    }

    /** The two registers as one 32-bit pattern, high word first. */
    private static int join(int[] words, WordOrder order) {
        int high = order == WordOrder.BIG ? words[0] : words[1];
        int low = order == WordOrder.BIG ? words[1] : words[0];
        return (high & 0xFFFF) << 16 | (low & 0xFFFF);
    }

    /** The registers that hold {@code value} as a FLOAT32 in this word order (for devices simulated in tests). */
    public static int[] float32(float value, WordOrder order) {
        int bits = Float.floatToIntBits(value);
        int high = bits >>> 16;
        int low = bits & 0xFFFF;
        return order == WordOrder.BIG ? new int[] {high, low} : new int[] {low, high};
    }

    /** The registers that hold {@code value} as a 32-bit integer in this word order. */
    public static int[] int32(int value, WordOrder order) {
        int high = value >>> 16;
        int low = value & 0xFFFF;
        return order == WordOrder.BIG ? new int[] {high, low} : new int[] {low, high};
    }
}
