package io.gridai.protocols.live.c37118;

import io.gridai.protocols.live.Backoff;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.gridai.model.Measurement;
import io.gridai.protocols.c37118.C37118Decoder;
import io.gridai.protocols.c37118.CommandFrame;
import io.gridai.protocols.c37118.ConfigFrame;
import io.gridai.protocols.c37118.DataFrame;
import io.gridai.protocols.c37118.FrameType;
import io.gridai.protocols.c37118.PmuData;
import io.gridai.protocols.c37118.PmuMeasurements;
import io.gridai.protocols.decode.Decoding;
import io.gridai.protocols.live.c37118.PmuClientSettings.Transport;

/**
 * A PDC-side IEEE C37.118.2 client for one PMU or PDC data stream. After each (re)connect it asks for CFG-2 (CFG-3
 * when configured), turns data on when the configuration arrives, and decodes every frame with
 * {@link C37118Decoder}; each data frame's values go, as grid-model {@link Measurement}s from
 * {@link PmuMeasurements}, to the sink. Bad input (junk, CRC errors, data without or not matching a configuration,
 * a configuration that cannot be decoded) is counted by {@link ErrorReason} and logged, never thrown. A data frame
 * whose STAT says "configuration change" (bit 10 set or cleared), or that does not fit the configuration, makes the
 * client ask for the configuration again. When the connection drops or nothing arrives for
 * {@link PmuClientSettings#dataTimeout()} it reconnects, waiting {@link PmuClientSettings#backoffInitial()} doubled
 * after each attempt without data, up to {@link PmuClientSettings#backoffMax()}. {@link #close()} turns data off,
 * closes the sockets and stops the threads.
 *
 * <p>The sink is called on the client's reader thread, one data frame at a time, in arrival order.
 */
public final class PmuClient implements AutoCloseable {

    /** Why a frame, a run of bytes or a connection failed. */
    public enum ErrorReason {
        /** A frame failed its CRC-CCITT check (CHK). */
        CRC,
        /** Bytes that start no C37.118 frame (junk, a frame cut short, a FRAMESIZE that cannot be right). */
        NOT_A_FRAME,
        /** A configuration frame that could not be decoded. */
        BAD_CONFIG,
        /** A data frame before any configuration for its IDCODE. */
        DATA_WITHOUT_CONFIG,
        /** A data frame that does not fit its configuration. */
        DATA_NOT_MATCHING_CONFIG,
        /** The sink threw. */
        SINK_FAILED,
        /** A TCP connect (or UDP bind) failed. */
        CONNECT_FAILED,
        /** An established connection dropped or failed. */
        CONNECTION_LOST,
        /** No configuration or no data frame for the data timeout. */
        NO_DATA
    }

    /** A snapshot of the client's counters since it started. */
    public record Counters(long frames, long dataFrames, long configs, long headers, long measurements,
            long reconnects, long commandsSent, Map<ErrorReason, Long> errors) {

        public long errors(ErrorReason reason) {
            return errors.getOrDefault(reason, 0L);
        }
    }

    private static final System.Logger LOG = System.getLogger(PmuClient.class.getName());
    /** How often the connection thread checks for close and for the data timeout. */
    private static final int POLL_MILLIS = 100;
    /** Least time between two requests for the configuration caused by bad or unknown data. */
    private static final long CONFIG_REQUEST_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PmuClientSettings settings;
    private final Consumer<List<Measurement>> sink;
    private final Clock clock;
    private final Object frameLock = new Object();
    private final Object sendLock = new Object();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    /** Keeps configurations (by IDCODE) and reassembles CFG-3 fragments; guarded by frameLock. */
    private C37118Decoder decoder = new C37118Decoder();
    private final FrameSplitter tcpSplitter = new FrameSplitter(new Listener(), this::expectedDataSize);
    private final FrameSplitter udpSplitter = new FrameSplitter(new Listener(), this::expectedDataSize);

    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong dataFrames = new AtomicLong();
    private final AtomicLong configs = new AtomicLong();
    private final AtomicLong headers = new AtomicLong();
    private final AtomicLong measurements = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong commandsSent = new AtomicLong();
    private final Map<ErrorReason, AtomicLong> errors = new EnumMap<>(ErrorReason.class);

    private volatile boolean closed;
    private volatile boolean started;
    private volatile Socket tcp;
    private volatile DatagramSocket udp;
    private volatile Thread connectionThread;
    private volatile Thread udpThread;
    private volatile long lastDataNanos;
    private volatile boolean dataOn;
    private volatile String headerText;
    private long lastConfigRequestNanos = Long.MIN_VALUE / 2;
    private boolean configChangeBit;

    public PmuClient(PmuClientSettings settings, Consumer<List<Measurement>> sink) {
        this(settings, sink, Clock.systemUTC());
    }

    /** @param clock gives each measurement's ingest time and the command frames' SOC */
    public PmuClient(PmuClientSettings settings, Consumer<List<Measurement>> sink, Clock clock) {
        this.settings = settings;
        this.sink = sink;
        this.clock = clock;
        for (ErrorReason r : ErrorReason.values()) {
            errors.put(r, new AtomicLong());
        }
    }

    /**
     * Binds the UDP data port (UDP transports) and starts connecting in the background.
     *
     * @throws UncheckedIOException when the UDP data port cannot be bound
     */
    public synchronized PmuClient start() {
        if (started) {
            throw new IllegalStateException("PmuClient for " + settings.source() + " already started");
        }
        started = true;
        if (settings.transport() != Transport.TCP) {
            try {
                udp = new DatagramSocket(new InetSocketAddress(settings.dataPort()));
                udp.setReceiveBufferSize(1 << 20);
            } catch (SocketException e) {
                throw new UncheckedIOException("cannot bind UDP data port " + settings.dataPort() + " for PMU source "
                        + settings.source() + " (" + e.getMessage() + "); choose a free port, or 0 for any", e);
            }
            udpThread = new Thread(this::readUdp, "pmu-udp-" + settings.source());
            udpThread.setDaemon(true);
            udpThread.start();
        }
        connectionThread = new Thread(this::superviseConnection, "pmu-client-" + settings.source());
        connectionThread.setDaemon(true);
        connectionThread.start();
        return this;
    }

    /** The local UDP port data arrive on (UDP transports, after {@link #start()}), else -1. */
    public int dataPort() {
        DatagramSocket s = udp;
        return s == null ? -1 : s.getLocalPort();
    }

    public PmuClientSettings settings() {
        return settings;
    }

    /** The configuration in use for the settings' IDCODE, or null before one arrived. */
    public ConfigFrame config() {
        synchronized (frameLock) {
            return decoder.configFor(null, settings.idcode());
        }
    }

    /** The last header frame's text, or null. */
    public String header() {
        return headerText;
    }

    /** Asks the PMU for its header frame (the answer: {@link #header()}). */
    public void requestHeader() {
        send(CommandFrame.SEND_HDR);
    }

    public Counters counters() {
        Map<ErrorReason, Long> e = new EnumMap<>(ErrorReason.class);
        errors.forEach((r, n) -> e.put(r, n.get()));
        return new Counters(frames.get(), dataFrames.get(), configs.get(), headers.get(), measurements.get(),
                reconnects.get(), commandsSent.get(), Collections.unmodifiableMap(e));
    }

    /** Turns data off, closes the sockets and waits (up to 2 s) for the client's threads to end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (dataOn) {
            send(CommandFrame.DATA_OFF);
        }
        closed = true;
        closedLatch.countDown();
        closeQuietly(tcp);
        if (udp != null) {
            udp.close();
        }
        for (Thread t : new Thread[] {connectionThread, udpThread}) {
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        log(Level.INFO, "event=closed " + countersText());
    }

    // ---- connection ----

    private void superviseConnection() {
        Backoff backoff = new Backoff(settings.backoffInitial(), settings.backoffMax());
        int failures = 0; // attempts in a row that brought no data
        boolean first = true;
        while (!closed) {
            if (!first) {
                reconnects.incrementAndGet();
            }
            first = false;
            boolean hadData = runSession();
            if (closed) {
                break;
            }
            failures = hadData ? 1 : failures + 1;
            long wait = backoff.delay(failures).toMillis();
            log(Level.INFO, "event=reconnect_wait wait_ms=" + wait + " had_data=" + hadData);
            try {
                if (closedLatch.await(wait, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    /** One connection, until it fails, times out or the client closes; true when data frames arrived. */
    private boolean runSession() {
        long dataBefore = dataFrames.get();
        boolean usesTcp = settings.transport() != Transport.UDP;
        boolean connected = false;
        dataOn = false;
        synchronized (frameLock) {
            decoder = new C37118Decoder(); // a new connection gets a fresh configuration
            configChangeBit = false;
            lastConfigRequestNanos = Long.MIN_VALUE / 2;
            tcpSplitter.reset();
        }
        lastDataNanos = System.nanoTime();
        try {
            InputStream in = null;
            if (usesTcp) {
                Socket s = new Socket();
                tcp = s;
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(settings.host(), settings.port()),
                        (int) settings.connectTimeout().toMillis());
                s.setSoTimeout(POLL_MILLIS);
                in = s.getInputStream();
            }
            connected = true;
            log(Level.INFO, "event=connected host=" + settings.host() + " port=" + settings.port() + " transport="
                    + settings.transport() + " data_port=" + dataPort());
            requestConfig(true);
            byte[] buf = new byte[65536];
            while (!closed) {
                if (in != null) {
                    int n;
                    try {
                        n = in.read(buf);
                    } catch (SocketTimeoutException timeout) {
                        n = 0;
                    }
                    if (n < 0) {
                        error(ErrorReason.CONNECTION_LOST, "the PMU closed the connection; reconnecting");
                        break;
                    }
                    if (n > 0) {
                        synchronized (frameLock) {
                            tcpSplitter.append(buf, n);
                        }
                    }
                } else if (closedLatch.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    break;
                }
                long quiet = System.nanoTime() - lastDataNanos;
                if (quiet > settings.dataTimeout().toNanos()) {
                    error(ErrorReason.NO_DATA, (dataFrames.get() == dataBefore ? "no configuration or data frame"
                            : "no data frame") + " for " + settings.dataTimeout().toMillis() + " ms; check the PMU's"
                            + " data rate and, for UDP data, that it streams to port " + dataPort() + "; reconnecting");
                    break;
                }
            }
        } catch (IOException e) {
            if (!closed) {
                error(connected ? ErrorReason.CONNECTION_LOST : ErrorReason.CONNECT_FAILED, (connected ? "connection to "
                        : "cannot connect to ") + settings.host() + ":" + settings.port() + ": " + e
                        + (connected ? "" : "; check the PMU's address, port and that it accepts this PDC"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(tcp);
            tcp = null;
        }
        return dataFrames.get() > dataBefore;
    }

    private void readUdp() {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                p.setLength(buf.length);
                udp.receive(p);
                synchronized (frameLock) {
                    udpSplitter.datagram(buf, p.getLength());
                }
            } catch (IOException e) {
                if (!closed) {
                    error(ErrorReason.CONNECTION_LOST, "UDP data port " + dataPort() + ": " + e);
                }
            }
        }
    }

    // ---- frames ----

    private final class Listener implements FrameSplitter.Listener {
        @Override
        public void frame(byte[] frame) {
            onFrame(frame);
        }

        @Override
        public void junk(int length, String reason, boolean badCrc) {
            error(badCrc ? ErrorReason.CRC : ErrorReason.NOT_A_FRAME, length + " bytes skipped: " + reason);
        }
    }

    /** Called with frameLock held. */
    private void onFrame(byte[] frame) {
        frames.incrementAndGet();
        FrameType type = FrameType.of(frame[1] >> 4 & 7);
        int idcode = (frame[4] & 0xff) << 8 | (frame[5] & 0xff);
        switch (type) {
            case DATA -> onData(frame, idcode);
            case CFG1, CFG2, CFG3 -> onConfig(frame, idcode);
            case HEADER -> {
                headers.incrementAndGet();
                headerText = new String(frame, 14, frame.length - 16, StandardCharsets.ISO_8859_1);
                log(Level.INFO, "event=header idcode=" + idcode + " text=\"" + headerText.strip() + "\"");
            }
            case COMMAND -> log(Level.DEBUG, "event=command_ignored idcode=" + idcode);
        }
    }

    private void onConfig(byte[] frame, int idcode) {
        Decoding d = decoder.decode(frame, null);
        if (d instanceof Decoding.Failed f) {
            error(ErrorReason.BAD_CONFIG, "configuration frame from IDCODE " + idcode + " cannot be decoded: "
                    + f.reason() + "; asking again");
            requestConfig(false);
            return;
        }
        if (((Decoding.Decoded) d).fields().containsKey("fragment_bytes")) {
            return; // a CFG-3 fragment; the configuration comes with the last one
        }
        ConfigFrame c = decoder.configFor(null, idcode);
        configs.incrementAndGet();
        log(Level.INFO, "event=config type=" + c.header().type().label() + " idcode=" + idcode + " pmus="
                + c.pmus().size() + " data_rate=" + c.dataRate() + " time_base=" + c.timeBase() + " cfgcnt="
                + c.pmus().get(0).cfgcnt());
        if (!dataOn && idcode == settings.idcode()) {
            send(CommandFrame.DATA_ON);
            dataOn = true;
        }
    }

    private void onData(byte[] frame, int idcode) {
        ConfigFrame c = decoder.configFor(null, idcode);
        if (c == null) {
            error(ErrorReason.DATA_WITHOUT_CONFIG, "data frame from IDCODE " + idcode + " before its configuration;"
                    + " asking for it");
            requestConfig(false);
            return;
        }
        DataFrame df;
        try {
            df = C37118Decoder.decodeData(frame, c);
        } catch (IllegalArgumentException e) {
            error(ErrorReason.DATA_NOT_MATCHING_CONFIG, "data frame from IDCODE " + idcode + ": " + e.getMessage()
                    + "; asking for the configuration again");
            requestConfig(false);
            return;
        }
        dataFrames.incrementAndGet();
        lastDataNanos = System.nanoTime();
        boolean change = false;
        for (PmuData p : df.pmus()) {
            change |= p.stat().configChange();
        }
        if (change != configChangeBit) {
            configChangeBit = change;
            log(Level.INFO, "event=config_change_bit idcode=" + idcode + " set=" + change);
            requestConfig(true);
        }
        List<Measurement> ms = PmuMeasurements.of(df, settings.source(), settings.naming(), settings.basis(),
                clock.instant());
        measurements.addAndGet(ms.size());
        try {
            sink.accept(ms);
        } catch (RuntimeException e) { // the caller's sink: its failure must not stop the stream
            error(ErrorReason.SINK_FAILED, "the measurement sink threw " + e + "; the frame's values are lost");
        }
    }

    private int expectedDataSize(int idcode) {
        ConfigFrame c = decoder.configFor(null, idcode);
        return c == null ? -1 : (int) (16 + c.dataBytes());
    }

    private void requestConfig(boolean now) {
        long t = System.nanoTime();
        if (!now && t - lastConfigRequestNanos < CONFIG_REQUEST_INTERVAL_NANOS) {
            return;
        }
        lastConfigRequestNanos = t;
        send(settings.useCfg3() ? CommandFrame.SEND_CFG3 : CommandFrame.SEND_CFG2);
    }

    private void send(int command) {
        Instant now = clock.instant();
        byte[] frame = CommandFrame.encode(settings.idcode(), command, now.getEpochSecond(), 0);
        try {
            synchronized (sendLock) {
                Socket s = tcp;
                if (settings.transport() == Transport.UDP) {
                    udp.send(new DatagramPacket(frame, frame.length,
                            new InetSocketAddress(settings.host(), settings.port())));
                } else if (s != null && s.isConnected()) {
                    s.getOutputStream().write(frame);
                    s.getOutputStream().flush();
                } else {
                    return;
                }
            }
            commandsSent.incrementAndGet();
            log(Level.DEBUG, "event=command_sent command=\"" + new CommandFrame(settings.idcode(), command, 0, 0).name()
                    + "\"");
        } catch (IOException e) {
            log(Level.WARNING, "event=command_failed command=" + command + " error=\"" + e + "\"");
        }
    }

    // ---- counting and logging ----

    private void error(ErrorReason reason, String detail) {
        long n = errors.get(reason).incrementAndGet();
        if (n <= 5 || Long.bitCount(n) == 1) { // the first few, then at 8, 16, 32 … so junk cannot flood the log
            log(Level.WARNING, "event=error reason=" + reason + " count=" + n + " detail=\"" + detail + "\"");
        }
    }

    private String countersText() {
        Counters c = counters();
        return "frames=" + c.frames() + " data_frames=" + c.dataFrames() + " configs=" + c.configs() + " reconnects="
                + c.reconnects() + " errors=" + c.errors();
    }

    private void log(Level level, String message) {
        LOG.log(level, "pmu_client source=" + settings.source() + " " + message);
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing: nothing more to do
            }
        }
    }
}
