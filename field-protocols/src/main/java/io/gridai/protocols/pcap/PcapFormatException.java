package io.gridai.protocols.pcap;

/** The file is not a capture this reader understands (neither classic pcap nor pcapng), or its header is cut short. */
public final class PcapFormatException extends Exception {

    public PcapFormatException(String message) {
        super(message);
    }
}
