package io.gridai.protocols.live.iec104;

import io.gridai.protocols.live.FieldEvent;
import io.gridai.protocols.live.FieldSink;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openmuc.j60870.ASdu;
import org.openmuc.j60870.CauseOfTransmission;
import org.openmuc.j60870.ClientConnectionBuilder;
import org.openmuc.j60870.Connection;
import org.openmuc.j60870.ConnectionEventListener;
import org.openmuc.j60870.ie.IeQualifierOfInterrogation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IEC 60870-5-104 client (controlling station) of one outstation: connects, starts data transfer (STARTDT),
 * sends a general interrogation (station interrogation, qualifier 20) to every common address of the point map on
 * connect and then every {@code interrogation-period}, and hands every monitoring ASDU, decoded by
 * {@link Iec104Decoder}, to the sink. When the connection fails or is lost it tries again after an exponential
 * back-off, for as long as it runs. Never throws from its thread: failures are {@link FieldEvent}s.
 *
 * <p>One thread per station ({@code gridai-iec104-<source>}) runs the connection loop; the library's own thread
 * delivers the ASDUs.
 */
public final class Iec104Client implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Iec104Client.class);
    /** Qualifier of interrogation: station (general) interrogation. */
    private static final int STATION_INTERROGATION = 20;

    private final Iec104Station station;
    private final FieldSink sink;
    private final Iec104Decoder decoder;
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile Connection connection;
    private volatile boolean connected;

    public Iec104Client(Iec104Station station, FieldSink sink) {
        this(station, sink, Clock.systemUTC());
    }

    Iec104Client(Iec104Station station, FieldSink sink, Clock clock) {
        this.station = station;
        this.sink = sink;
        this.clock = clock;
        this.decoder = new Iec104Decoder(station.source(), station.points(), station.timeZone(),
                station.receiveTimeFlag());
        this.thread = new Thread(this::run, "gridai-iec104-" + station.source());
        this.thread.setDaemon(true);
    }

    public Iec104Station station() {
        return station;
    }

    /** Starts the connection loop; returns at once. */
    public Iec104Client start() {
        thread.start();
        return this;
    }

    /** Whether data transfer is running now. */
    public boolean connected() {
        return connected;
    }

    private void run() {
        int failures = 0;
        while (stopped.getCount() > 0) {
            Connection opened;
            CountDownLatch closed = new CountDownLatch(1);
            try {
                opened = new ClientConnectionBuilder(station.host())
                        .setPort(station.port())
                        .setConnectionTimeout(millis(station.connectTimeout()))
                        .build();
            } catch (IOException e) {
                failures++;
                failed(failures, "cannot connect: " + e.getMessage());
                continue;
            }
            connection = opened;
            try {
                opened.startDataTransfer(new Listener(closed), millis(station.connectTimeout()));
            } catch (IOException e) {
                opened.close();
                failures++;
                failed(failures, "connected but STARTDT was not confirmed: " + e.getMessage());
                continue;
            }
            failures = 0;
            connected = true;
            LOG.info("iec104 station connected source={} address={}:{}", station.source(), station.host(),
                    station.port());
            sink.event(station.source(), Iec104Decoder.PROTOCOL, FieldEvent.CONNECTED, station.toString());
            String reason = serve(opened, closed);
            connected = false;
            opened.close();
            synchronized (decoder) {
                decoder.connectionLost();
            }
            if (stopped.getCount() == 0) {
                return;
            }
            LOG.warn("iec104 station disconnected source={} address={}:{} detail=\"{}\" reconnectIn={}",
                    station.source(), station.host(), station.port(), reason, station.reconnect().delay(1));
            sink.event(station.source(), Iec104Decoder.PROTOCOL, FieldEvent.DISCONNECTED, reason);
            if (pause(station.reconnect().delay(1))) {
                return;
            }
        }
    }

    /** Interrogates on connect and periodically until the connection closes or the client stops; says why it ended. */
    private String serve(Connection opened, CountDownLatch closed) {
        Duration period = station.interrogationPeriod();
        try {
            do {
                if (!interrogate(opened)) {
                    return "the interrogation could not be sent";
                }
            } while (!awaitClosed(closed, period));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "stopped";
        }
        return stopped.getCount() == 0 ? "stopped" : "the connection closed";
    }

    /** Waits for the connection to close, at most {@code period} (forever when zero); true when it closed. */
    private boolean awaitClosed(CountDownLatch closed, Duration period) throws InterruptedException {
        while (stopped.getCount() > 0) {
            Duration slice = period.isZero() ? Duration.ofSeconds(1) : period;
            if (closed.await(slice.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (!period.isZero()) {
                return false;
            }
        }
        return true;
    }

    private boolean interrogate(Connection opened) {
        for (int commonAddress : station.points().commonAddresses()) {
            try {
                opened.interrogation(commonAddress, CauseOfTransmission.ACTIVATION,
                        new IeQualifierOfInterrogation(STATION_INTERROGATION));
            } catch (IOException e) {
                return false;
            }
            sink.event(station.source(), Iec104Decoder.PROTOCOL, FieldEvent.INTERROGATION, "ca=" + commonAddress);
        }
        return true;
    }

    private void failed(int failures, String detail) {
        Duration delay = station.reconnect().delay(failures);
        if (failures == 1 || Long.bitCount(failures) == 1) { // 1st, 2nd, 4th, 8th… failure: no log flood
            LOG.warn("iec104 station unreachable source={} address={}:{} attempt={} detail=\"{}\" retryIn={}",
                    station.source(), station.host(), station.port(), failures, detail, delay);
        }
        sink.event(station.source(), Iec104Decoder.PROTOCOL, FieldEvent.CONNECT_FAILED, detail);
        pause(delay);
    }

    /** Waits; true when the client is stopping. */
    private boolean pause(Duration delay) {
        try {
            return stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    /** Stops the loop and closes the connection. */
    @Override
    public void close() {
        stopped.countDown();
        Connection open = connection;
        if (open != null) {
            open.close();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Listener implements ConnectionEventListener {

        private final CountDownLatch closed;

        Listener(CountDownLatch closed) {
            this.closed = closed;
        }

        @Override
        public void newASdu(ASdu asdu) {
            Instant receivedAt = clock.instant();
            Iec104Decoder.Decoded decoded;
            synchronized (decoder) {
                decoded = decoder.decode(asdu, receivedAt);
            }
            decoded.problems().forEach(p -> sink.event(station.source(), Iec104Decoder.PROTOCOL, p.event(),
                    p.detail()));
            if (!decoded.readings().isEmpty()) {
                sink.readings(station.source(), Iec104Decoder.PROTOCOL, decoded.readings(), receivedAt);
            }
        }

        @Override
        public void connectionClosed(IOException cause) {
            closed.countDown();
        }

        @Override
        public void dataTransferStateChanged(boolean stopped) {
            // The client starts data transfer itself; a STOPDT from the outstation's side is not expected.
        }
    }
}
