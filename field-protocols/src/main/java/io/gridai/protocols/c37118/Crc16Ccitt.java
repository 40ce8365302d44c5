package io.gridai.protocols.c37118;

/** CRC-CCITT as C37.118.2 uses it for CHK: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR. */
public final class Crc16Ccitt {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            TABLE[i] = crc & 0xffff;
        }
    }

    private Crc16Ccitt() {
    }

    /** The CRC of {@code data[from..to)}. */
    public static int of(byte[] data, int from, int to) {
        int crc = 0xffff;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >> 8) ^ data[i]) & 0xff]) & 0xffff;
        }
        return crc;
    }
}
