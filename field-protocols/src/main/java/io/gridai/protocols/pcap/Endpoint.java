package io.gridai.protocols.pcap;

/** An IP address (printed form) and port. */
public record Endpoint(String address, int port) {

    @Override
    public String toString() {
        return address.indexOf(':') >= 0 ? "[" + address + "]:" + port : address + ":" + port;
    }
}
