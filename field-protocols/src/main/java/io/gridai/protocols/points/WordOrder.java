package io.gridai.protocols.points;

/**
 * The order of the two registers of a 32-bit Modbus value. Bytes within a register are always big-endian (the Modbus
 * rule); devices differ only in which register comes first.
 */
public enum WordOrder {
    /** High word first, at the lower address (ABCD): Modbus' own byte order carried over to words. */
    BIG,
    /** Low word first, at the lower address (CDAB, "word-swapped"): common on inverters and meters. */
    LITTLE
}
