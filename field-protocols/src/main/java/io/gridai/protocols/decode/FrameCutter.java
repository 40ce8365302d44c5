package io.gridai.protocols.decode;

/**
 * Finds frame boundaries in a protocol's byte stream (a TCP direction, or one UDP datagram).
 */
@FunctionalInterface
public interface FrameCutter {

    /**
     * Looks at {@code buffer[from..to)}, which is never empty.
     *
     * @param endOfData true when no more bytes will follow (a UDP datagram, or the end of the capture): then the
     *                  answer is never {@link Cut.NeedMore}
     */
    Cut cut(byte[] buffer, int from, int to, boolean endOfData);
}
