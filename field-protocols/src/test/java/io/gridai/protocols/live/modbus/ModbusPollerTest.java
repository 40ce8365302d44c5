package io.gridai.protocols.live.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import io.gridai.model.QualityFlag;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;
import io.gridai.protocols.live.Backoff;
import io.gridai.protocols.live.FieldEvent;
import io.gridai.protocols.live.FieldReading;
import io.gridai.protocols.live.RecordingSink;
import io.gridai.protocols.points.ModbusRegister;
import io.gridai.protocols.points.PointTarget;
import io.gridai.protocols.points.RegisterTable;
import io.gridai.protocols.points.RegisterType;
import io.gridai.protocols.points.WordOrder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The poller against j2mod's own Modbus TCP slave over loopback. */
class ModbusPollerTest {

    private static final SourceId INVERTER = SourceId.of("inv-3");

    private static ModbusRegister register(String name, RegisterTable table, int address, RegisterType type,
            WordOrder order, String asset, MeasurementKind kind, Unit unit, double scale) {
        return new ModbusRegister(name, table, address, type, order, new PointTarget(AssetId.of(asset), kind, unit,
                scale));
    }

    /** Holding 0–1: 49.98 Hz float big-endian words; 2–3: −12.5 kW float word-swapped; input 0: 2301 (0.1 V). */
    private static SimpleProcessImage image() {
        SimpleProcessImage image = new SimpleProcessImage(1);
        for (int word : RegisterDecoder.float32(49.98f, WordOrder.BIG)) {
            image.addRegister(new SimpleRegister(word));
        }
        for (int word : RegisterDecoder.float32(-12.5f, WordOrder.LITTLE)) {
            image.addRegister(new SimpleRegister(word));
        }
        image.addInputRegister(new SimpleInputRegister(2301));
        return image;
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static ModbusSlave slave(int port) throws Exception {
        ModbusSlave slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 2, false);
        slave.addProcessImage(1, image());
        slave.open();
        return slave;
    }

    @Test
    void aDeviceThatNeverAnswersIsATimeoutNotAHang() throws Exception {
        // Accepts connections and reads requests, but never answers: a device that hangs.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        accepted.add(silent.accept());
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ModbusDevice device = new ModbusDevice(INVERTER, "127.0.0.1", silent.getLocalPort(), 1,
                    Duration.ofMillis(200), Duration.ofMillis(300), new Backoff(Duration.ofMillis(100),
                            Duration.ofMillis(200)), List.of(register("f", RegisterTable.HOLDING, 0,
                            RegisterType.FLOAT32, WordOrder.BIG, "inv-3", MeasurementKind.FREQUENCY, Unit.HERTZ, 1)));
            RecordingSink sink = new RecordingSink();
            try (ModbusPoller poller = new ModbusPoller(device, sink).start()) {
                try {
                    await().atMost(Duration.ofSeconds(10)).until(() -> sink.count(FieldEvent.TIMEOUT) >= 2);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("no two timeouts; events: " + sink.details, e);
                }
                assertThat(sink.readings).isEmpty();
                assertThat(sink.count(FieldEvent.CONNECTED)).isGreaterThanOrEqualTo(2); // reconnects after each
            }
            for (java.net.Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void readsEveryRegisterReportsAnIllegalAddressAndReconnectsAfterTheDeviceRestarts() throws Exception {
        int port = freePort();
        ModbusDevice device = new ModbusDevice(INVERTER, "127.0.0.1", port, 1, Duration.ofMillis(200),
                Duration.ofSeconds(1), new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)), List.of(
                        register("f", RegisterTable.HOLDING, 0, RegisterType.FLOAT32, WordOrder.BIG, "inv-3",
                                MeasurementKind.FREQUENCY, Unit.HERTZ, 1),
                        register("p", RegisterTable.HOLDING, 2, RegisterType.FLOAT32, WordOrder.LITTLE, "inv-3",
                                MeasurementKind.ACTIVE_POWER, Unit.KILOWATT, 1),
                        register("v", RegisterTable.INPUT, 0, RegisterType.UINT16, WordOrder.BIG, "bus-9",
                                MeasurementKind.VOLTAGE, Unit.VOLT, 0.1),
                        register("missing", RegisterTable.HOLDING, 100, RegisterType.INT16, WordOrder.BIG, "inv-3",
                                MeasurementKind.TEMPERATURE, Unit.CELSIUS, 1)));
        RecordingSink sink = new RecordingSink();
        ModbusSlave slave = slave(port);
        try (ModbusPoller poller = new ModbusPoller(device, sink).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.readings.size() >= 6);
            Map<MeasurementKind, Double> firstPoll = sink.readings.subList(0, 3).stream()
                    .collect(Collectors.toMap(FieldReading::kind, FieldReading::value));
            assertThat(firstPoll).containsEntry(MeasurementKind.FREQUENCY, (double) 49.98f)
                    .containsEntry(MeasurementKind.ACTIVE_POWER, -12.5);
            assertThat(firstPoll.get(MeasurementKind.VOLTAGE)).isCloseTo(230.1,
                    org.assertj.core.data.Offset.offset(1e-9));
            assertThat(sink.readings).noneMatch(r -> r.kind() == MeasurementKind.TEMPERATURE);
            assertThat(sink.count(FieldEvent.EXCEPTION_RESPONSE)).isGreaterThanOrEqualTo(2);
            assertThat(sink.details).anyMatch(d -> d.contains("missing") && d.contains("exception 2"));
            assertThat(poller.connected()).isTrue();

            slave.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.count(FieldEvent.DISCONNECTED)
                    + sink.count(FieldEvent.TIMEOUT) >= 1);
            int before = sink.readings.size();
            slave = slave(port);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.readings.size() >= before + 3);
            assertThat(sink.count(FieldEvent.CONNECTED)).isGreaterThanOrEqualTo(2);
            assertThat(sink.readings.get(before).quality()).contains(QualityFlag.GAP);
        } finally {
            slave.close();
        }
    }
}
