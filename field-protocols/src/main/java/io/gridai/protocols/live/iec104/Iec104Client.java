package io.gridai.protocols.live.iec104;

import io.gridai.protocols.live.FieldEvent;
import io.gridai.protocols.live.FieldSink;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openmuc.j60870.ASdu;
import org.openmuc.j60870.ASduType;
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
 * connect and then every {@code interrogation-period} (again, up to three times, when the outstation does not confirm
 * it), and hands every monitoring ASDU, decoded by
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
    /** How often an interrogation the outstation does not confirm is sent in all. */
    private static final int INTERROGATION_ATTEMPTS = 3;

    private final Iec104Station station;
    private final FieldSink sink;
    private final Iec104Decoder decoder;
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    /** Common addresses whose latest interrogation the outstation has not confirmed yet. */
    private final Set<Integer> unconfirmed = ConcurrentHashMap.newKeySet();
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
                if (!interrogateConfirmed(opened, closed)) {
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

    /**
     * Sends a general interrogation to every common address and waits (at most {@code connect-timeout}) for the
     * outstation to confirm each; what is not confirmed is asked again, {@value #INTERROGATION_ATTEMPTS} times in all
     * (some outstations drop an interrogation that follows STARTDT too closely). An unconfirmed interrogation does not
     * end the connection: spontaneous and cyclic data still come. False when it could not be sent at all.
     */
    private boolean interrogateConfirmed(Connection opened, CountDownLatch closed) throws InterruptedException {
        unconfirmed.addAll(station.points().commonAddresses());
        for (int attempt = 1; attempt <= INTERROGATION_ATTEMPTS; attempt++) {
            if (!interrogate(opened, Set.copyOf(unconfirmed))) {
                return false;
            }
            long deadline = System.nanoTime() + station.connectTimeout().toNanos();
            while (!unconfirmed.isEmpty() && System.nanoTime() < deadline) {
                if (closed.await(20, TimeUnit.MILLISECONDS) || stopped.getCount() == 0) {
                    return true;
                }
            }
            if (unconfirmed.isEmpty()) {
                return true;
            }
            LOG.warn("iec104 interrogation not confirmed source={} commonAddresses={} attempt={} of {}",
                    station.source(), unconfirmed, attempt, INTERROGATION_ATTEMPTS);
        }
        unconfirmed.clear();
        return true;
    }

    private boolean interrogate(Connection opened, Set<Integer> commonAddresses) {
        for (int commonAddress : commonAddresses) {
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
            if (asdu.getTypeIdentification() == ASduType.C_IC_NA_1) {
                confirmation(asdu);
                return;
            }
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

        /** The outstation's answer to an interrogation: confirmed (or refused: then not asked again). */
        private void confirmation(ASdu asdu) {
            if (asdu.getCauseOfTransmission() != CauseOfTransmission.ACTIVATION_CON) {
                return; // ACTIVATION_TERMINATION: the interrogated values have all been sent
            }
            if (asdu.isNegativeConfirm()) {
                LOG.warn("iec104 interrogation refused by the outstation source={} ca={}; check the station's common"
                        + " address in the point map", station.source(), asdu.getCommonAddress());
            }
            unconfirmed.remove(asdu.getCommonAddress());
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
