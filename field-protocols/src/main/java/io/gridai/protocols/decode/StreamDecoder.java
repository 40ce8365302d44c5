package io.gridai.protocols.decode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.gridai.protocols.pcap.Flow;

/**
 * Decodes a complete byte sequence (a file of raw frames, one UDP datagram, a test input) as one protocol's stream,
 * with no capture around it: each frame becomes an object with its {@code offset} and {@code length} and the decoded
 * fields, each undecodable frame or run of bytes an object with {@code error}, {@code offset}, {@code length} and
 * {@code hex}. The decoder's stream state (C37.118 configurations) carries over between calls.
 */
public final class StreamDecoder {

    private final FrameDecoder decoder;
    private final Flow flow;

    public StreamDecoder(FieldProtocol protocol) {
        this(protocol.newDecoder(), null);
    }

    public StreamDecoder(FrameDecoder decoder, Flow flow) {
        this.decoder = decoder;
        this.flow = flow;
    }

    /** Counts of one {@link #decode} call. */
    public record Counts(int frames, int errors, long frameBytes, long errorBytes) {
    }

    /** Decodes {@code bytes} to the end, giving each object to {@code out}. */
    public Counts decode(byte[] bytes, Consumer<Map<String, Object>> out) {
        int[] frames = {0};
        int[] errors = {0};
        long[] frameBytes = {0};
        long[] errorBytes = {0};
        StreamFramer framer = new StreamFramer(decoder.cutter(), new StreamFramer.Emitter() {
            @Override
            public void frame(byte[] frame, long offset, int packetIndex) {
                Decoding d = decoder.decode(frame, flow);
                Map<String, Object> m = new LinkedHashMap<>();
                if (d instanceof Decoding.Decoded ok) {
                    m.put("offset", offset);
                    m.put("length", frame.length);
                    m.putAll(ok.fields());
                    frames[0]++;
                    frameBytes[0] += frame.length;
                } else {
                    m.put("error", ((Decoding.Failed) d).reason());
                    m.put("offset", offset);
                    m.put("length", frame.length);
                    m.put("hex", Hex.of(frame, 0, frame.length));
                    errors[0]++;
                    errorBytes[0] += frame.length;
                }
                out.accept(m);
            }

            @Override
            public void junk(long offset, int length, int packetIndex, String reason, String hex) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("error", reason);
                m.put("offset", offset);
                m.put("length", length);
                m.put("hex", hex);
                errors[0]++;
                errorBytes[0] += length;
                out.accept(m);
            }
        });
        framer.append(bytes, 0);
        framer.finish();
        return new Counts(frames[0], errors[0], frameBytes[0], errorBytes[0]);
    }
}
