package io.gridai.flink.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The pieces of Avro's binary encoding that {@link SpecificWireWriter} needs, into one growing byte array. */
final class AvroBuffer {

    private byte[] bytes = new byte[256];
    private int length;

    void reset() {
        length = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    void writeRaw(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    /** Little-endian, as the single-object header's fingerprint. */
    void writeFixedLong(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[length++] = (byte) (value >>> (8 * i));
        }
    }

    /** Avro {@code long} and {@code int}: zig-zag, then variable length. */
    void writeLong(long value) {
        ensure(10);
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            bytes[length++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        bytes[length++] = (byte) n;
    }

    /** Avro {@code double}: the IEEE 754 bits, little-endian. */
    void writeDouble(double value) {
        writeFixedLong(Double.doubleToRawLongBits(value));
    }

    /** Avro {@code string}: byte length, then UTF-8 (ASCII copied directly). */
    void writeString(String value) {
        int n = value.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = value.charAt(i) < 0x80;
        }
        if (ascii) {
            writeLong(n);
            ensure(n);
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) value.charAt(i);
            }
        } else {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            writeLong(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, length, utf8.length);
            length += utf8.length;
        }
    }
}
