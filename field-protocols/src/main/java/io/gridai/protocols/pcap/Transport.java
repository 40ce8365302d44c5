package io.gridai.protocols.pcap;

/** The transport a payload came over. */
public enum Transport {
    TCP, UDP;

    /** Lower-case name, as printed in JSON ({@code tcp}, {@code udp}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
