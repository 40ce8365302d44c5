package io.gridai.protocols.live.c37118.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import io.gridai.protocols.c37118.CommandFrame;
import io.gridai.protocols.c37118.ConfigFrame;
import io.gridai.protocols.c37118.DataFrame;
import io.gridai.protocols.c37118.FrameEncoder;
import io.gridai.protocols.c37118.FrameType;
import io.gridai.protocols.c37118.Header;
import io.gridai.protocols.c37118.PmuConfig;
import io.gridai.protocols.c37118.PmuData;
import io.gridai.protocols.c37118.Stat;
import io.gridai.protocols.live.c37118.FrameSplitter;
import io.gridai.protocols.live.c37118.PmuClientSettings.Transport;

/**
 * A PMU on loopback that speaks C37.118.2 to a PDC: it answers command frames (send CFG-1/CFG-2/CFG-3, send header,
 * data on, data off) and, while data is on, streams data frames at the configuration's DATA_RATE, over the command
 * TCP connection ({@link Transport#TCP}), over UDP to the PDC's data port ({@link Transport#UDP_DATA_TCP_COMMANDS},
 * see {@link #streamUdpTo}), or all over UDP ({@link Transport#UDP}: replies go to the command's sender). Frame times
 * come from the clock, on the DATA_RATE grid (SOC, FRACSEC = k × TIME_BASE / rate); the values from a
 * {@link Signal}; each PMU block's STAT word is settable. For tests and the grid twin: {@link #inject} puts raw bytes
 * on the data path, {@link #dropConnections} closes the PDCs' connections.
 */
public final class SimulatedPmu implements AutoCloseable {

    /** The values one PMU block sends at one instant (phasors in V or A, frequency in Hz, ROCOF in Hz/s). */
    @FunctionalInterface
    public interface Signal {
        /**
         * @param pmuIndex the block's index in the configuration
         * @param time     the frame's time (SOC + FRACSEC / TIME_BASE)
         * @return the block's values: phasors ({@code Phasor.ofPolar}/{@code ofRectangular}), frequency, ROCOF,
         *         analogs and digital words, with {@code stat} ignored (see {@link SimulatedPmu#setStat})
         */
        Sample sample(int pmuIndex, PmuConfig pmu, Instant time);
    }

    /** One PMU block's values; see {@link Signal}. */
    public record Sample(List<io.gridai.protocols.c37118.Phasor> phasors, double frequencyHz, double rocof,
            List<Double> analogs, List<Integer> digitals) {
    }

    private static final System.Logger LOG = System.getLogger(SimulatedPmu.class.getName());
    private static final String DEFAULT_HEADER = "GridAI simulated PMU";

    private final Transport transport;
    private final Signal signal;
    private final Clock clock;
    private volatile ConfigFrame config;
    private final AtomicIntegerArray stats;
    private final List<DataSink> sinks = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<Integer, AtomicLong> commands = new ConcurrentHashMap<>();
    private final AtomicLong dataFramesSent = new AtomicLong();
    private final List<long[]> sentTimes = new CopyOnWriteArrayList<>();
    private volatile int udpTargetPort = -1;
    private volatile String headerText = DEFAULT_HEADER;
    private ServerSocket server;
    private DatagramSocket udp;
    private ScheduledExecutorService streamer;
    private ScheduledFuture<?> streaming;
    private long lastSlot = Long.MIN_VALUE;
    private volatile boolean closed;

    /**
     * @param config the CFG-2 it sends (its IDCODE is the stream's; {@code dataRate} &gt; 0 frames per second); CFG-1
     *               and CFG-3 answers are made from it
     */
    public SimulatedPmu(ConfigFrame config, Signal signal, Transport transport, Clock clock) {
        if (config.dataRate() <= 0) {
            throw new IllegalArgumentException("DATA_RATE " + config.dataRate() + ": the simulated PMU streams a whole"
                    + " number of frames per second; give a positive rate");
        }
        this.config = config;
        this.signal = signal;
        this.transport = transport;
        this.clock = clock;
        this.stats = new AtomicIntegerArray(config.pmus().size());
    }

    /** Listens on a free loopback port (TCP, or UDP for {@link Transport#UDP}). */
    public synchronized SimulatedPmu start() {
        try {
            InetAddress lo = InetAddress.getLoopbackAddress();
            udp = transport == Transport.UDP ? new DatagramSocket(new InetSocketAddress(lo, 0)) : new DatagramSocket();
            if (transport != Transport.UDP) {
                server = new ServerSocket(0, 8, lo);
                daemon("sim-pmu-accept", this::accept).start();
            } else {
                daemon("sim-pmu-udp", this::readUdpCommands).start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("simulated PMU cannot listen on loopback: " + e.getMessage(), e);
        }
        streamer = Executors.newSingleThreadScheduledExecutor(r -> daemon("sim-pmu-stream", r));
        long period = 1_000_000_000L / config.dataRate();
        streaming = streamer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
        return this;
    }

    /** The command port: TCP, or UDP for {@link Transport#UDP}. */
    public int port() {
        return transport == Transport.UDP ? udp.getLocalPort() : server.getLocalPort();
    }

    public ConfigFrame config() {
        return config;
    }

    /** The UDP port a PDC that commands over TCP wants data on ({@link Transport#UDP_DATA_TCP_COMMANDS}). */
    public void streamUdpTo(int port) {
        udpTargetPort = port;
    }

    /** Sets PMU block {@code pmuIndex}'s STAT word in the data frames from now on. */
    public void setStat(int pmuIndex, int word) {
        stats.set(pmuIndex, word);
    }

    /** Sends {@code next} from now on (data frames and CFG answers); set STAT bit 10 before to announce it. */
    public void changeConfig(ConfigFrame next) {
        if (next.pmus().size() != config.pmus().size() || next.dataRate() != config.dataRate()) {
            throw new IllegalArgumentException("a changed configuration keeps the number of PMUs and the data rate");
        }
        config = next;
    }

    public void setHeaderText(String text) {
        headerText = text;
    }

    /** Puts raw bytes (junk, a frame with a bad CHK) on every data path now, between two frames. */
    public void inject(byte[] raw) {
        for (DataSink s : sinks) {
            s.send(raw);
        }
    }

    /** Closes every PDC connection (TCP) and stops streaming to them, as a PMU restarting would. */
    public void dropConnections() {
        sinks.clear();
        for (Socket s : connections) {
            closeQuietly(s);
        }
        connections.clear();
    }

    /** How many command frames with CMD {@code command} arrived. */
    public long commandsReceived(int command) {
        AtomicLong n = commands.get(command);
        return n == null ? 0 : n.get();
    }

    public long dataFramesSent() {
        return dataFramesSent.get();
    }

    /** Whether some PDC has data turned on. */
    public boolean streaming() {
        return !sinks.isEmpty();
    }

    /** SOC and FRACSEC of every data frame sent, in order (up to the last 100,000). */
    public List<long[]> sentTimes() {
        return List.copyOf(sentTimes);
    }

    @Override
    public void close() {
        closed = true;
        dropConnections();
        if (streaming != null) {
            streaming.cancel(false);
            streamer.shutdownNow();
        }
        if (server != null) {
            closeQuietly(server);
        }
        if (udp != null) {
            udp.close();
        }
    }

    // ---- commands ----

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                connections.add(s);
                daemon("sim-pmu-conn", () -> serve(s)).start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "sim_pmu event=accept_failed error=\"" + e + "\"");
                }
            }
        }
    }

    private void serve(Socket s) {
        TcpSink sink = new TcpSink(s);
        SocketAddress peer = s.getRemoteSocketAddress();
        FrameSplitter splitter = new FrameSplitter(new FrameSplitter.Listener() {
            @Override
            public void frame(byte[] frame) {
                command(frame, sink, peer);
            }

            @Override
            public void junk(int length, String reason, boolean badCrc) {
                LOG.log(Level.WARNING, "sim_pmu event=junk_command length=" + length + " reason=\"" + reason + "\"");
            }
        }, id -> -1);
        try (s) {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) >= 0) {
                splitter.append(buf, n);
            }
        } catch (IOException e) {
            // the PDC went away, or dropConnections closed it
        } finally {
            sinks.remove(sink);
            sinks.removeIf(x -> x instanceof UdpSink u && u.owner == sink);
            connections.remove(s);
        }
    }

    private void readUdpCommands() {
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                p.setLength(buf.length);
                udp.receive(p);
                SocketAddress from = p.getSocketAddress();
                UdpSink reply = new UdpSink(from, null);
                new FrameSplitter(new FrameSplitter.Listener() {
                    @Override
                    public void frame(byte[] frame) {
                        command(frame, reply, from);
                    }

                    @Override
                    public void junk(int length, String reason, boolean badCrc) {
                        LOG.log(Level.WARNING, "sim_pmu event=junk_command length=" + length);
                    }
                }, id -> -1).datagram(buf, p.getLength());
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "sim_pmu event=udp_failed error=\"" + e + "\"");
                }
            }
        }
    }

    private void command(byte[] frame, DataSink replyTo, SocketAddress peer) {
        CommandFrame c;
        try {
            c = CommandFrame.decode(frame);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "sim_pmu event=not_a_command detail=\"" + e.getMessage() + "\"");
            return;
        }
        commands.computeIfAbsent(c.command(), k -> new AtomicLong()).incrementAndGet();
        ConfigFrame cfg = config;
        Instant now = clock.instant();
        switch (c.command()) {
            case CommandFrame.SEND_CFG1 -> replyTo.send(FrameEncoder.config(as(cfg, FrameType.CFG1, now)));
            case CommandFrame.SEND_CFG2 -> replyTo.send(FrameEncoder.config(as(cfg, FrameType.CFG2, now)));
            case CommandFrame.SEND_CFG3 -> replyTo.send(FrameEncoder.config(cfg3(cfg, now)));
            case CommandFrame.SEND_HDR -> replyTo.send(FrameEncoder.header(cfg.header().idcode(), now.getEpochSecond(),
                    0, headerText));
            case CommandFrame.DATA_ON -> dataOn(replyTo, peer);
            case CommandFrame.DATA_OFF -> sinks.removeIf(x -> x == replyTo || x instanceof UdpSink u
                    && (u.owner == replyTo || u.target.equals(peer)));
            default -> LOG.log(Level.INFO, "sim_pmu event=command_ignored command=" + c.command());
        }
    }

    private void dataOn(DataSink replyTo, SocketAddress peer) {
        DataSink sink = switch (transport) {
            case TCP -> replyTo;
            case UDP -> new UdpSink(peer, null);
            case UDP_DATA_TCP_COMMANDS -> new UdpSink(new InetSocketAddress(((InetSocketAddress) peer).getAddress(),
                    udpTargetPort), replyTo);
        };
        if (transport == Transport.UDP_DATA_TCP_COMMANDS && udpTargetPort < 0) {
            LOG.log(Level.WARNING, "sim_pmu event=data_on_ignored detail=\"no UDP data port: call streamUdpTo\"");
            return;
        }
        for (DataSink s : sinks) {
            if (s.sameAs(sink)) {
                return;
            }
        }
        sinks.add(sink);
    }

    private static ConfigFrame as(ConfigFrame c, FrameType type, Instant now) {
        Header h = c.header();
        return new ConfigFrame(new Header(type, h.version(), 0, h.idcode(), now.getEpochSecond(), 0, 0), 0,
                c.timeBase(), c.pmus(), c.dataRate());
    }

    /** The CFG-2 as a CFG-3: same channels and scales (analogs unscaled: scale 1, offset 0). */
    private static ConfigFrame cfg3(ConfigFrame c, Instant now) {
        List<PmuConfig> pmus = new ArrayList<>();
        for (PmuConfig p : c.pmus()) {
            pmus.add(new PmuConfig(p.station(), p.idcode(), p.globalPmuId(), p.format(), p.phasors(),
                    p.analogs().stream().map(a -> new io.gridai.protocols.c37118.AnalogChannel(a.name(), -1, 1, 0))
                            .toList(), p.digitals(), p.nominalHz(), p.cfgcnt(), 0, 0, 0, "M", 0, 0));
        }
        return new ConfigFrame(new Header(FrameType.CFG3, 2, 0, c.header().idcode(), now.getEpochSecond(), 0, 0), 0,
                c.timeBase(), pmus, c.dataRate());
    }

    // ---- streaming ----

    private void tick() {
        if (sinks.isEmpty()) {
            return;
        }
        try {
            ConfigFrame cfg = config;
            int rate = cfg.dataRate();
            Instant now = clock.instant();
            long slot = now.getEpochSecond() * rate + (long) now.getNano() * rate / 1_000_000_000L;
            if (slot <= lastSlot) {
                slot = lastSlot + 1;
            }
            lastSlot = slot;
            long soc = slot / rate;
            int fracsec = (int) (slot % rate * cfg.timeBase() / rate);
            Instant time = Instant.ofEpochSecond(soc, Math.round(fracsec * 1e9 / cfg.timeBase()));
            List<PmuData> blocks = new ArrayList<>(cfg.pmus().size());
            for (int i = 0; i < cfg.pmus().size(); i++) {
                PmuConfig p = cfg.pmus().get(i);
                Sample s = signal.sample(i, p, time);
                blocks.add(new PmuData(p, new Stat(stats.get(i)), s.phasors(), s.frequencyHz(),
                        (s.frequencyHz() - p.nominalHz()) * 1000, s.rocof(), s.analogs(), s.digitals(), Double.NaN,
                        Double.NaN, s.analogs()));
            }
            Header h = new Header(FrameType.DATA, cfg.header().version(), 0, cfg.header().idcode(), soc, 0, fracsec);
            byte[] frame = FrameEncoder.data(new DataFrame(h, time, cfg, blocks));
            for (DataSink s : sinks) {
                s.send(frame);
            }
            dataFramesSent.incrementAndGet();
            if (sentTimes.size() < 100_000) {
                sentTimes.add(new long[] {soc, fracsec});
            }
        } catch (RuntimeException e) { // a test's Signal threw: report it, keep the PMU's clock going
            LOG.log(Level.WARNING, "sim_pmu event=tick_failed error=\"" + e + "\"");
        }
    }

    private interface DataSink {
        void send(byte[] bytes);

        default boolean sameAs(DataSink other) {
            return this == other;
        }
    }

    private final class TcpSink implements DataSink {
        private final Socket socket;

        TcpSink(Socket socket) {
            this.socket = socket;
        }

        @Override
        public synchronized void send(byte[] bytes) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                sinks.remove(this);
            }
        }
    }

    private final class UdpSink implements DataSink {
        private final SocketAddress target;
        private final DataSink owner;

        UdpSink(SocketAddress target, DataSink owner) {
            this.target = target;
            this.owner = owner;
        }

        @Override
        public void send(byte[] bytes) {
            try {
                udp.send(new DatagramPacket(bytes, bytes.length, target));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "sim_pmu event=udp_send_failed target=" + target + " error=\"" + e + "\"");
            }
        }

        @Override
        public boolean sameAs(DataSink other) {
            return other instanceof UdpSink u && u.target.equals(target);
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing: nothing more to do
        }
    }
}
