package io.gridai.protocols.decode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

import io.gridai.protocols.pcap.CapturedPacket;
import io.gridai.protocols.pcap.Flow;
import io.gridai.protocols.pcap.PacketParser;
import io.gridai.protocols.pcap.PcapFormatException;
import io.gridai.protocols.pcap.PcapReader;
import io.gridai.protocols.pcap.Segment;
import io.gridai.protocols.pcap.Transport;

/**
 * Decodes every frame of one field protocol in a capture: each TCP direction is put back in order
 * ({@link TcpReassembler}) and cut into frames, each UDP datagram is cut on its own, and every frame goes through the
 * protocol's {@link FrameDecoder}. Each frame becomes one JSON-ready object; each frame (or run of bytes) that cannot
 * be decoded becomes one object with an {@code error} field and where it was.
 *
 * <p>Which traffic is looked at: a protocol with a registered port (Modbus 502, IEC 104 2404) only flows with that
 * port at either end; C37.118 every TCP and UDP flow. Given a port, only flows with that port. For C37.118 on flows
 * that are not on port 4712/4713 or the given port, errors are held back until the flow has shown one good frame,
 * and are dropped (counted in {@link Summary#ignoredFlows()}) if it never does: other traffic in a capture is not
 * reported as broken synchrophasor frames.
 */
public final class CaptureDecoder {

    /** Errors held back per unconfirmed flow; more are counted only. */
    static final int MAX_HELD_ERRORS = 1000;
    /** Packet times remembered per TCP flow. */
    static final int MAX_TIMES = 4096;

    private static final int[] C37118_PORTS = {4712, 4713};

    private final FieldProtocol protocol;
    private final OptionalInt port;
    private final FrameDecoder decoder;
    private final Consumer<Map<String, Object>> out;
    private final Map<Flow, FlowState> flows = new LinkedHashMap<>();
    private int frames;
    private int errors;
    private int packets;

    /** Counts of one decoding run. */
    public record Summary(int packets, int flows, int frames, int errors, int ignoredFlows, Optional<String> truncated) {
    }

    private CaptureDecoder(FieldProtocol protocol, OptionalInt port, Consumer<Map<String, Object>> out) {
        this.protocol = protocol;
        this.port = port;
        this.decoder = protocol.newDecoder();
        this.out = out;
    }

    /**
     * Decodes {@code capture} as {@code protocol}, giving each result object to {@code out} in capture order.
     *
     * @param port only flows with this port at either end; empty for the protocol's default
     */
    public static Summary decode(Path capture, FieldProtocol protocol, OptionalInt port, Consumer<Map<String, Object>> out)
            throws IOException, PcapFormatException {
        try (PcapReader reader = PcapReader.open(capture)) {
            return decode(reader, protocol, port, out);
        }
    }

    /** As {@link #decode(Path, FieldProtocol, OptionalInt, Consumer)}, from an open reader (not closed here). */
    public static Summary decode(PcapReader reader, FieldProtocol protocol, OptionalInt port,
            Consumer<Map<String, Object>> out) throws IOException {
        CaptureDecoder d = new CaptureDecoder(protocol, port, out);
        Optional<CapturedPacket> packet;
        while ((packet = reader.next()).isPresent()) {
            d.packets++;
            PacketParser.parse(packet.get()).ifPresent(d::accept);
        }
        return d.finish(reader.truncatedTail());
    }

    private void accept(Segment segment) {
        if (!wanted(segment.flow())) {
            return;
        }
        FlowState state = flows.computeIfAbsent(segment.flow(), FlowState::new);
        state.lastTime = segment.time();
        if (segment.flow().transport() == Transport.UDP) {
            StreamFramer datagram = new StreamFramer(decoder.cutter(), state);
            datagram.append(segment.payload(), segment.packetIndex());
            datagram.finish();
        } else {
            state.times.put(segment.packetIndex(), segment.time());
            state.reassembler.accept(segment);
        }
    }

    private boolean wanted(Flow flow) {
        int wantedPort = port.orElse(protocol.defaultPort());
        if (wantedPort < 0) {
            return true;
        }
        return flow.source().port() == wantedPort || flow.destination().port() == wantedPort;
    }

    private Summary finish(Optional<String> truncated) {
        int ignored = 0;
        for (FlowState state : flows.values()) {
            if (state.flow.transport() == Transport.TCP) {
                state.reassembler.finish();
                state.framer.finish();
            }
            if (!state.confirmed && (state.held.size() > 0 || state.heldDropped > 0)) {
                ignored++;
            }
        }
        return new Summary(packets, flows.size(), frames, errors, ignored, truncated);
    }

    private boolean known(Flow flow) {
        if (protocol != FieldProtocol.C37118 || port.isPresent()) {
            return true;
        }
        for (int p : C37118_PORTS) {
            if (flow.source().port() == p || flow.destination().port() == p) {
                return true;
            }
        }
        return false;
    }

    private final class FlowState implements StreamFramer.Emitter, TcpReassembler.Receiver {
        final Flow flow;
        final TcpReassembler reassembler = new TcpReassembler(this);
        final StreamFramer framer;
        /** Capture times of this flow's recent packets (a frame's first byte may have come a few packets back). */
        final Map<Integer, Instant> times = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Instant> eldest) {
                return size() > MAX_TIMES;
            }
        };
        Instant lastTime;
        boolean confirmed;
        final List<Map<String, Object>> held = new ArrayList<>();
        int heldDropped;

        FlowState(Flow flow) {
            this.flow = flow;
            this.framer = new StreamFramer(decoder.cutter(), this);
            this.confirmed = known(flow);
        }

        @Override
        public void bytes(byte[] data, int packetIndex) {
            framer.append(data, packetIndex);
        }

        @Override
        public void gap(long missing, int packetIndex) {
            framer.gap(missing);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("error", missing + " bytes of the TCP stream are missing from the capture before packet " + packetIndex
                    + "; frames across the hole cannot be decoded");
            e.putAll(where(packetIndex, -1));
            error(e);
        }

        @Override
        public void restart() {
            framer.finish();
        }

        @Override
        public void frame(byte[] frame, long offset, int packetIndex) {
            Decoding d = decoder.decode(frame, flow);
            if (d instanceof Decoding.Decoded ok) {
                if (!confirmed) {
                    confirmed = true;
                    held.forEach(this::emitError);
                    held.clear();
                }
                Map<String, Object> m = where(packetIndex, offset);
                m.put("length", frame.length);
                m.putAll(ok.fields());
                frames++;
                out.accept(m);
            } else if (d instanceof Decoding.Failed f) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("error", f.reason());
                e.putAll(where(packetIndex, offset));
                e.put("length", frame.length);
                e.put("hex", Hex.of(frame, 0, frame.length));
                error(e);
            }
        }

        @Override
        public void junk(long offset, int length, int packetIndex, String reason, String hex) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("error", reason);
            e.putAll(where(packetIndex, offset));
            e.put("length", length);
            e.put("hex", hex);
            error(e);
        }

        private void error(Map<String, Object> e) {
            if (confirmed) {
                emitError(e);
            } else if (held.size() < MAX_HELD_ERRORS) {
                held.add(e);
            } else {
                heldDropped++;
            }
        }

        private void emitError(Map<String, Object> e) {
            errors++;
            out.accept(e);
        }

        private Map<String, Object> where(int packetIndex, long offset) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("protocol", protocol.label());
            m.put("packet", packetIndex);
            Instant t = times.getOrDefault(packetIndex, lastTime);
            if (t != null) {
                m.put("capture_time", t.toString());
            }
            m.put("transport", flow.transport().label());
            m.put("src", flow.source().toString());
            m.put("dst", flow.destination().toString());
            if (offset >= 0) {
                m.put("offset", offset);
            }
            return m;
        }
    }
}
