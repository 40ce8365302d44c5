package io.gridai.protocols.decode;

import java.util.Locale;
import java.util.function.Supplier;

import io.gridai.protocols.c37118.C37118Decoder;
import io.gridai.protocols.iec104.Iec104Decoder;
import io.gridai.protocols.modbus.ModbusDecoder;

/** The field protocols captures can be decoded as, with how their traffic is recognised. */
public enum FieldProtocol {
    /** IEEE C37.118.2 synchrophasors: found by the sync word 0xAA on any TCP or UDP port (4712/4713 by custom). */
    C37118("c37118", -1, C37118Decoder::new),
    /** IEC 60870-5-104 over TCP port 2404. */
    IEC104("iec104", 2404, Iec104Decoder::new),
    /** Modbus TCP (MBAP) over TCP port 502. */
    MODBUS("modbus", 502, ModbusDecoder::new);

    private final String label;
    private final int defaultPort;
    private final Supplier<FrameDecoder> decoders;

    FieldProtocol(String label, int defaultPort, Supplier<FrameDecoder> decoders) {
        this.label = label;
        this.defaultPort = defaultPort;
        this.decoders = decoders;
    }

    /** The name used on the command line and in JSON ({@code c37118}, {@code iec104}, {@code modbus}). */
    public String label() {
        return label;
    }

    /** The registered port its traffic is taken from, or -1 when it is recognised on any port. */
    public int defaultPort() {
        return defaultPort;
    }

    /** A fresh decoder (with no stream state). */
    public FrameDecoder newDecoder() {
        return decoders.get();
    }

    /** The protocol called {@code name} (case-insensitive), e.g. {@code c37118}. */
    public static FieldProtocol of(String name) {
        for (FieldProtocol p : values()) {
            if (p.label.equalsIgnoreCase(name) || p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + name + "'; one of c37118, iec104, modbus");
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
