package io.gridai.protocols.live.modbus;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import io.gridai.model.QualityFlag;
import io.gridai.protocols.live.FieldEvent;
import io.gridai.protocols.live.FieldReading;
import io.gridai.protocols.live.FieldSink;
import io.gridai.protocols.points.ModbusRegister;
import io.gridai.protocols.points.RegisterTable;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one Modbus TCP device: every {@code poll-interval} it reads each register of the map (function 3 or 4, one
 * request per register, so that one bad address spoils only its own value) and hands the values of the poll, as one
 * batch, to the sink. The event time of every value is the time its answer arrived (Modbus has no time tags).
 *
 * <p><b>Failures are values, never exceptions.</b> An exception response (e.g. 2, illegal data address) is a
 * {@link FieldEvent#EXCEPTION_RESPONSE} for that register and the device is polled on; a request without an answer in
 * {@code timeout} is a {@link FieldEvent#TIMEOUT}; a broken connection is a {@link FieldEvent#DISCONNECTED}, after
 * which the poller reconnects with exponential back-off. A register whose last read failed, or every register after a
 * lost connection, has {@link QualityFlag#GAP} on its next value: readings are missing before it. Log lines name the
 * register and are written when a register's state changes, not at every poll.
 *
 * <p>One thread per device ({@code gridai-modbus-<source>}).
 */
public final class ModbusPoller implements AutoCloseable {

    /** The protocol name written on readings and events. */
    public static final String PROTOCOL = "modbus";

    private static final Logger LOG = LoggerFactory.getLogger(ModbusPoller.class);

    private final ModbusDevice device;
    private final FieldSink sink;
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    /** Registers whose next value gets GAP. Poller thread only. */
    private final Set<ModbusRegister> missed = new HashSet<>();
    /** Registers whose last read was an exception response (logged once until they read again). Poller thread only. */
    private final Set<ModbusRegister> failing = new HashSet<>();
    private volatile ModbusTCPMaster master;
    private volatile boolean connected;

    public ModbusPoller(ModbusDevice device, FieldSink sink) {
        this(device, sink, Clock.systemUTC());
    }

    ModbusPoller(ModbusDevice device, FieldSink sink, Clock clock) {
        this.device = device;
        this.sink = sink;
        this.clock = clock;
        this.thread = new Thread(this::run, "gridai-modbus-" + device.source());
        this.thread.setDaemon(true);
    }

    public ModbusDevice device() {
        return device;
    }

    /** Starts polling; returns at once. */
    public ModbusPoller start() {
        thread.start();
        return this;
    }

    /** Whether the TCP connection is up now. */
    public boolean connected() {
        return connected;
    }

    private void run() {
        int failures = 0;
        boolean everConnected = false;
        while (stopped.getCount() > 0) {
            if (!connected) {
                try {
                    master = connect();
                } catch (Exception e) { // j2mod's connect() declares Exception
                    failures++;
                    Duration delay = device.reconnect().delay(failures);
                    if (Long.bitCount(failures) == 1) { // 1st, 2nd, 4th, 8th… failure: no log flood
                        LOG.warn("modbus device unreachable source={} address={}:{} attempt={} detail=\"{}\""
                                + " retryIn={}", device.source(), device.host(), device.port(), failures,
                                e.getMessage(), delay);
                    }
                    sink.event(device.source(), PROTOCOL, FieldEvent.CONNECT_FAILED, String.valueOf(e.getMessage()));
                    if (pause(delay)) {
                        return;
                    }
                    continue;
                }
                failures = 0;
                connected = true;
                if (everConnected) {
                    missed.addAll(device.registers());
                }
                everConnected = true;
                LOG.info("modbus device connected source={} address={}:{} unit={}", device.source(), device.host(),
                        device.port(), device.unitId());
                sink.event(device.source(), PROTOCOL, FieldEvent.CONNECTED, device.toString());
            }
            long started = System.nanoTime();
            poll();
            if (!connected) {
                disconnect();
                if (pause(device.reconnect().delay(1))) {
                    return;
                }
                continue;
            }
            long elapsed = System.nanoTime() - started;
            if (pause(device.pollInterval().minusNanos(elapsed))) {
                return;
            }
        }
    }

    private ModbusTCPMaster connect() throws Exception {
        int timeout = (int) Math.min(Integer.MAX_VALUE, device.timeout().toMillis());
        ModbusTCPMaster opened = new ModbusTCPMaster(device.host(), device.port(), timeout, false);
        opened.connect();
        // One try per request (j2mod's default is 5): a timeout is reported, not hidden behind retries. Only after
        // connect(), which creates the transaction the setting goes to.
        opened.setRetries(1);
        return opened;
    }

    /** Reads every register once; sets {@code connected} to false when the connection broke. */
    private void poll() {
        List<FieldReading> readings = new ArrayList<>(device.registers().size());
        Instant firstAnswer = null;
        for (ModbusRegister register : device.registers()) {
            int[] words;
            try {
                words = read(register);
            } catch (ModbusSlaveException e) {
                missed.add(register);
                if (failing.add(register)) {
                    LOG.warn("modbus register refused source={} register=\"{}\" exception={} detail=\"{}\"; check the"
                            + " register map against the device's documentation", device.source(), register,
                            e.getType(), e.getMessage());
                }
                sink.event(device.source(), PROTOCOL, FieldEvent.EXCEPTION_RESPONSE, register + ": exception "
                        + e.getType() + " (" + e.getMessage() + ")");
                continue;
            } catch (ModbusException e) {
                missed.addAll(device.registers());
                boolean timeout = causedByTimeout(e);
                LOG.warn("modbus device {} source={} address={}:{} register=\"{}\" detail=\"{}\" reconnectIn={}",
                        timeout ? "timed out" : "connection lost", device.source(), device.host(), device.port(),
                        register, e.getMessage(), device.reconnect().delay(1));
                sink.event(device.source(), PROTOCOL, timeout ? FieldEvent.TIMEOUT : FieldEvent.DISCONNECTED,
                        register + ": " + e.getMessage());
                connected = false;
                break;
            }
            Instant at = clock.instant();
            if (firstAnswer == null) {
                firstAnswer = at;
            }
            if (failing.remove(register)) {
                LOG.info("modbus register reads again source={} register=\"{}\"", device.source(), register);
            }
            EnumSet<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
            if (missed.remove(register)) {
                flags.add(QualityFlag.GAP);
            }
            double number = RegisterDecoder.decode(words, register.type(), register.wordOrder());
            readings.add(new FieldReading(device.source(), register.target().asset(), register.target().kind(),
                    register.target().apply(number), register.target().unit(), flags, at, PROTOCOL + " unit="
                    + device.unitId() + " " + register.name() + " " + register.table().name().toLowerCase(Locale.ROOT)
                    + " " + register.address() + " " + register.type()
                    + (register.type().words() > 1 ? " " + register.wordOrder() : "")));
        }
        if (!readings.isEmpty()) {
            sink.readings(device.source(), PROTOCOL, readings, firstAnswer);
        }
    }

    private int[] read(ModbusRegister register) throws ModbusException {
        ModbusTCPMaster open = master;
        InputRegister[] registers = register.table() == RegisterTable.HOLDING
                ? open.readMultipleRegisters(device.unitId(), register.address(), register.type().words())
                : open.readInputRegisters(device.unitId(), register.address(), register.type().words());
        if (registers == null || registers.length != register.type().words()) {
            throw new ModbusException("the device answered " + (registers == null ? "nothing" : registers.length
                    + " registers") + " for " + register.type().words() + " requested");
        }
        int[] words = new int[registers.length];
        for (int i = 0; i < registers.length; i++) {
            words[i] = registers[i].getValue() & 0xFFFF;
        }
        return words;
    }

    /** j2mod reports a read timeout as a ModbusIOException whose message says so, without the socket's exception. */
    private static boolean causedByTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (cause instanceof SocketTimeoutException || message.contains("timed out")
                    || message.contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    private void disconnect() {
        ModbusTCPMaster open = master;
        if (open != null) {
            open.disconnect();
        }
    }

    /** Waits; true when the poller is stopping. */
    private boolean pause(Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            return stopped.getCount() == 0;
        }
        try {
            return stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Stops polling and closes the connection. */
    @Override
    public void close() {
        stopped.countDown();
        try {
            thread.join(device.timeout().toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        disconnect();
        connected = false;
    }
}
