package io.gridai.protocols.decode;

import io.gridai.protocols.pcap.Flow;

/**
 * One protocol's decoder for a capture or a connection. An instance may keep state between frames of the same
 * stream (C37.118 keeps the configuration frames it has seen), so use one instance per capture or connection.
 */
public interface FrameDecoder {

    /** How this protocol's frames are cut out of a byte stream. */
    FrameCutter cutter();

    /**
     * Decodes one frame as cut by {@link #cutter()}. Never throws for bad input: a frame it cannot decode is a
     * {@link Decoding.Failed}.
     *
     * @param flow where the frame came from (its stream), or null when decoding bytes with no capture around them
     */
    Decoding decode(byte[] frame, Flow flow);
}
