package io.gridai.protocols.pcap;

/** One direction of a conversation: transport, source and destination. */
public record Flow(Transport transport, Endpoint source, Endpoint destination) {

    /** The opposite direction. */
    public Flow reversed() {
        return new Flow(transport, destination, source);
    }

    @Override
    public String toString() {
        return transport.label() + " " + source + " -> " + destination;
    }
}
